"""The official MCP Python SDK as a client of the gateway, for progress, cancellation and tools/list_changed; run by
Tests/ServerTests/MCP/MCPNotificationsTests.swift against upstream servers running Tests/mcp/progress_server.py.

Environment: GATEWAY_URL, GATEWAY_KEY, MCP_TRANSPORT (`http`: Streamable HTTP at /mcp; `sse`: the older transport at
/sse), MCP_SERVERS (the upstream servers' names, comma-separated), MARKER_DIR (where `slow` records its end), and
MCP_CHECK:
- `progress`: two clients call `<server>-count` at once on each server, one for 3 steps, one for 5; each sees exactly
  its own progress notifications (its token, its steps, in order), then its answer.
- `cancel`: a call of `<server>-slow` abandoned once the tool started (the SDK sends `notifications/cancelled`) is
  cancelled in the upstream tool; the same session then calls again.
- `disconnect`: a raw HTTP client POSTs a call of `<server>-slow` and closes the connection; the tool is cancelled.
- `listchanged`: `<server>-grow` (the first server, stdio) makes the upstream send tools/list_changed; then a server
  is added through the management API (MASTER_KEY, NEW_SERVER_URL) and removed: the client is told each time, and a
  fresh tools/list shows the change.
Exits non-zero with a message on any failure.
"""

import asyncio
import contextlib
import os
import sys
import uuid

import anyio
import httpx2
from mcp import ClientSession, types
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

GATEWAY = os.environ["GATEWAY_URL"].rstrip("/")
KEY = os.environ["GATEWAY_KEY"]
TRANSPORT = os.environ.get("MCP_TRANSPORT", "http")
SERVERS = [name for name in os.environ.get("MCP_SERVERS", "").split(",") if name]
MARKERS = os.environ.get("MARKER_DIR", "/tmp")


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr, flush=True)
    os._exit(1)


def text_of(result) -> str:
    return "".join(item.text for item in result.content if getattr(item, "type", "") == "text")


@contextlib.asynccontextmanager
async def session(message_handler=None):
    headers = {"Authorization": f"Bearer {KEY}"}
    if TRANSPORT == "sse":
        async with sse_client(GATEWAY + "/sse", headers=headers) as (read, write):
            async with ClientSession(read, write, message_handler=message_handler) as client:
                await client.initialize()
                yield client
        return
    async with httpx2.AsyncClient(headers=headers, timeout=60) as http:
        async with streamable_http_client(GATEWAY + "/mcp", http_client=http) as streams:
            async with ClientSession(streams[0], streams[1], message_handler=message_handler) as client:
                await client.initialize()
                yield client


async def counted(server: str, steps: int) -> None:
    seen = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    async with session() as client:
        result = await client.call_tool(f"{server}-count", {"steps": steps}, progress_callback=on_progress)
    if result.is_error or text_of(result) != f"counted {steps}":
        fail(f"{server}-count answered {result}")
    expected = [(float(step), float(steps), f"step {step}") for step in range(1, steps + 1)]
    if [(float(p), float(t), m) for p, t, m in seen] != expected:
        fail(f"{server}-count({steps}) saw progress {seen}, expected {expected}")
    print(f"{server}: {steps} progress notifications", flush=True)


async def check_progress() -> None:
    for server in SERVERS:
        async with anyio.create_task_group() as group:
            group.start_soon(counted, server, 3)
            group.start_soon(counted, server, 5)


async def wait_for_marker(path: str, expected: str) -> None:
    """Waits until the `slow` tool wrote `expected` to `path` (`started`, then `cancelled` or `finished`)."""
    content = None
    for _ in range(300):
        if os.path.exists(path):
            with open(path) as file:
                content = file.read()
            if content == expected:
                return
            if content == "finished":
                break
        await anyio.sleep(0.1)
    fail(f"{path} says {content!r} after 30 s, not {expected!r}: the upstream call was not cancelled")


async def check_cancel() -> None:
    for server in SERVERS:
        marker = os.path.join(MARKERS, f"cancel-{server}-{uuid.uuid4().hex}")
        async with session() as client:
            async with anyio.create_task_group() as group:

                async def call() -> None:
                    answer = await client.call_tool(f"{server}-slow", {"seconds": 30, "marker": marker})
                    fail(f"{server}-slow answered before it was cancelled: {answer}")

                group.start_soon(call)
                await wait_for_marker(marker, "started")
                # Abandoning the call makes the SDK send notifications/cancelled with its request id.
                group.cancel_scope.cancel()
            await wait_for_marker(marker, "cancelled")
            again = await client.call_tool(f"{server}-count", {"steps": 1})
            if text_of(again) != "counted 1":
                fail(f"the session did not call again after a cancel: {again}")
        print(f"{server}: cancelled upstream", flush=True)


async def check_disconnect() -> None:
    headers = {"Authorization": f"Bearer {KEY}", "Accept": "application/json, text/event-stream"}
    for server in SERVERS:
        marker = os.path.join(MARKERS, f"disconnect-{server}-{uuid.uuid4().hex}")
        async with httpx2.AsyncClient(headers=headers, timeout=60) as http:
            init = await http.post(
                GATEWAY + "/mcp",
                json={"jsonrpc": "2.0", "id": 1, "method": "initialize",
                      "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}})
            session_headers = {"Mcp-Session-Id": init.headers["mcp-session-id"]}
            await http.post(GATEWAY + "/mcp", headers=session_headers, json={"jsonrpc": "2.0", "method": "notifications/initialized"})
            call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                    "params": {"name": f"{server}-slow", "arguments": {"seconds": 30, "marker": marker}}}
            async with http.stream("POST", GATEWAY + "/mcp", headers=session_headers, json=call) as response:
                if not response.headers.get("content-type", "").startswith("text/event-stream"):
                    fail(f"a tool call was answered with {response.headers.get('content-type')}")
                await wait_for_marker(marker, "started")
        # Leaving the stream unread closes the connection mid-call.
        await wait_for_marker(marker, "cancelled")
        print(f"{server}: disconnect cancelled upstream", flush=True)


async def check_list_changed() -> None:
    changed = anyio.Event()
    count = 0

    async def on_message(message) -> None:
        nonlocal changed, count
        if isinstance(message, types.ToolListChangedNotification):
            count += 1
            changed.set()

    async def wait_changed(what: str) -> None:
        nonlocal changed
        with anyio.move_on_after(15) as scope:
            await changed.wait()
        if scope.cancelled_caught:
            fail(f"no notifications/tools/list_changed after {what}")
        changed = anyio.Event()

    async def names(client) -> list[str]:
        return sorted(tool.name for tool in (await client.list_tools()).tools)

    stdio = SERVERS[0]
    async with session(message_handler=on_message) as client:
        before = await names(client)
        if f"{stdio}-extra" in before:
            fail(f"{stdio}-extra listed before it was added: {before}")
        await anyio.sleep(1)  # the client opens its GET stream after initialize
        grown = await client.call_tool(f"{stdio}-grow", {})
        if text_of(grown) != "grown":
            fail(f"{stdio}-grow answered {grown}")
        await wait_changed("the upstream's own list_changed")
        if f"{stdio}-extra" not in await names(client):
            fail(f"{stdio}-extra missing after list_changed: {await names(client)}")
        print("upstream list_changed relayed", flush=True)

        master = {"Authorization": f"Bearer {os.environ['MASTER_KEY']}"}
        async with httpx2.AsyncClient(headers=master, timeout=30) as admin:
            added = await admin.post(GATEWAY + "/v1/mcp/server", json={
                "server_name": "added", "url": os.environ["NEW_SERVER_URL"], "transport": "http"})
            if added.status_code != 200:
                fail(f"/v1/mcp/server answered {added.status_code}: {added.text}")
            await wait_changed("a server was added")
            if "added-count" not in await names(client):
                fail(f"added-count missing after the server was added: {await names(client)}")
            server_id = added.json()["server_id"]
            removed = await admin.delete(GATEWAY + f"/v1/mcp/server/{server_id}")
            if removed.status_code != 200:
                fail(f"DELETE answered {removed.status_code}: {removed.text}")
            await wait_changed("a server was removed")
            if "added-count" in await names(client):
                fail(f"added-count still listed after the server was removed: {await names(client)}")
        print(f"list_changed from the API ({count} notifications)", flush=True)


async def main(check: str) -> None:
    checks = {"progress": check_progress, "cancel": check_cancel, "disconnect": check_disconnect, "listchanged": check_list_changed}
    if check not in checks:
        fail(f"unknown check {check}")
    await checks[check]()
    print("OK", flush=True)


if __name__ == "__main__":
    asyncio.run(main(os.environ.get("MCP_CHECK", "progress")))
