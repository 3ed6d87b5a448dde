"""The official MCP Python SDK as a client of the gateway's /mcp, run by Tests/ServerTests/MCP.

Environment: GATEWAY_URL, GATEWAY_KEY, and MCP_CHECK naming what to check:
- `aggregate`: tools of both upstream servers (weather over Streamable HTTP, notes over stdio) under '<server>-<tool>'
  names, a call to each, a prompt of each, the weather resource.
- `refused`: the key may use `weather-forecast` only: tools/list shows just it; calling notes-read_note is refused
  with an error naming why.
- `masked`: a PII guardrail masks the email address in the arguments before the weather server sees them.
- `sse`: `aggregate` over the older HTTP+SSE transport (`/sse`).
- `aggregate-weather`: weather's tools listed and one called (a server added through the API).
- `tools`: prints the tool names, one per line.
Exits non-zero with a message on any failure.
"""

import asyncio
import os
import sys

import httpx2
from mcp import ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def text_of(result) -> str:
    return "".join(item.text for item in result.content if getattr(item, "type", "") == "text")


async def run(check: str) -> None:
    url = os.environ["GATEWAY_URL"].rstrip("/") + os.environ.get("MCP_PATH", "/mcp")
    headers = {"Authorization": f"Bearer {os.environ['GATEWAY_KEY']}"}
    if check == "sse":
        # The older HTTP+SSE transport: GET /sse, then POST /messages?session_id=...
        async with sse_client(os.environ["GATEWAY_URL"].rstrip("/") + "/sse", headers=headers) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                names = sorted(tool.name for tool in (await session.list_tools()).tools)
                await aggregate(session, names)
        print("OK")
        return
    async with httpx2.AsyncClient(headers=headers, timeout=60) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = await session.list_tools()
                names = sorted(tool.name for tool in tools.tools)
                if check == "tools":
                    print("\n".join(names))
                elif check == "aggregate":
                    await aggregate(session, names)
                elif check == "aggregate-weather":
                    if "weather-forecast" not in names:
                        fail(f"weather-forecast missing from tools/list: {names}")
                    forecast = await session.call_tool("weather-forecast", {"city": "Lima"})
                    if forecast.is_error or text_of(forecast) != "Sunny in Lima":
                        fail(f"weather-forecast answered {forecast}")
                elif check == "refused":
                    await refused(session, names)
                elif check == "masked":
                    await masked(session)
                else:
                    fail(f"unknown check {check}")
    print("OK")


async def aggregate(session: ClientSession, names: list[str]) -> None:
    for expected in ["weather-forecast", "weather-echo", "notes-read_note", "notes-pid"]:
        if expected not in names:
            fail(f"{expected} missing from tools/list: {names}")
    forecast = await session.call_tool("weather-forecast", {"city": "Oslo"})
    if forecast.is_error or text_of(forecast) != "Sunny in Oslo":
        fail(f"weather-forecast answered {forecast}")
    note = await session.call_tool("notes-read_note", {"name": "groceries"})
    if note.is_error or text_of(note) != "note groceries: buy milk":
        fail(f"notes-read_note answered {note}")
    prompts = sorted(prompt.name for prompt in (await session.list_prompts()).prompts)
    if prompts != ["notes-summary", "weather-greeting"]:
        fail(f"prompts/list answered {prompts}")
    greeting = await session.get_prompt("weather-greeting", {"name": "Ada"})
    if "Say hello to Ada" not in str(greeting.messages[0].content):
        fail(f"prompts/get answered {greeting}")
    resources = [str(resource.uri) for resource in (await session.list_resources()).resources]
    if resources != ["weather://cities"]:
        fail(f"resources/list answered {resources}")
    cities = await session.read_resource("weather://cities")
    if "Paris, Oslo" not in cities.contents[0].text:
        fail(f"resources/read answered {cities}")
    try:
        await session.call_tool("nowhere-tool", {})
        fail("a tool of no server was called")
    except MCPError as error:
        if "Unknown tool" not in error.error.message:
            fail(f"unknown tool: {error.error.message}")


async def refused(session: ClientSession, names: list[str]) -> None:
    if names != ["weather-forecast"]:
        fail(f"tools/list showed {names}, not just weather-forecast")
    allowed = await session.call_tool("weather-forecast", {"city": "Paris"})
    if allowed.is_error:
        fail(f"weather-forecast refused: {allowed}")
    try:
        await session.call_tool("notes-read_note", {"name": "secret"})
        fail("notes-read_note was not refused")
    except MCPError as error:
        message = error.error.message
        if "may not" not in message or "notes" not in message:
            fail(f"the refusal does not say why: {message}")
        print(f"refused: {message}")


async def masked(session: ClientSession) -> None:
    echoed = await session.call_tool("weather-echo", {"text": "mail jane.doe@example.com today"})
    text = text_of(echoed)
    if "jane.doe@example.com" in text or not text.startswith("received: mail ") or "today" not in text:
        fail(f"the upstream saw the address: {text}")
    print(f"echoed: {text}")


if __name__ == "__main__":
    asyncio.run(run(os.environ.get("MCP_CHECK", "aggregate")))
