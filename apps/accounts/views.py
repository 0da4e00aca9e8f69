from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View

from apps.core.views import Column, StaffListView

from . import selectors
from .forms import SignInForm, UserFilterForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(View):
    """GET asks, POST signs out: signing out changes state, so it is never a link."""

    def get(self, request):
        return render(request, "accounts/sign_out.html")

    def post(self, request):
        logout(request)
        return redirect("accounts:sign-in")


class UserListView(StaffListView):
    permission_required = "accounts.view_user"
    template_name = "accounts/user_list.html"
    filter_form_class = UserFilterForm
    csv_filename = "users.csv"
    caption = _("Users")
    columns = [
        Column(_("Name"), lambda u: u.full_name),
        Column(_("Email"), lambda u: u.email),
        Column(_("Team"), lambda u: u.team.name if u.team else ""),
        Column(_("Site"), lambda u: u.team.site.name if u.team else ""),
        Column(_("Roles"), lambda u: "; ".join(u.role_names)),
        Column(_("Active"), lambda u: _("Yes") if u.is_active else _("No")),
    ]

    def select(self, **filters):
        return selectors.user_list(**filters)
