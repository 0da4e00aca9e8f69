import io

CALL_HEADER = "call_id,queue,offered_at,answered_at,ended_at,agent,outcome"


def calls_csv(*rows: str, header: str = CALL_HEADER) -> io.BytesIO:
    return io.BytesIO(("\n".join([header, *rows]) + "\n").encode())


def good_calls(first: int = 1, count: int = 3, day: str = "2026-11-02") -> list[str]:
    rows = []
    for n in range(first, first + count):
        if n % 3 == 0:
            rows.append(
                f"C{n},Council tax,{day} 09:{n % 60:02d}:00,,{day} 09:{n % 60:02d}:40,,abandoned"
            )
        else:
            rows.append(
                f"C{n},Council tax,{day} 09:{n % 60:02d}:00,{day} 09:{n % 60:02d}:{10 + n % 30:02d},"
                f"{day} 09:{(n + 5) % 60:02d}:00,agent1,answered"
            )
    return rows
