"""An upstream MCP server for the gateway's progress, cancellation and list-changed tests, built with the official
MCP Python SDK.

Usage: progress_server.py stdio | http PORT | sse PORT (Streamable HTTP at /mcp; the older HTTP+SSE transport at
/sse). Tools:
- `count(steps)`: reports progress 1..steps of `steps` (message `step i`), then answers `counted <steps>`.
- `slow(seconds, marker)`: writes `started` to the file `marker`, waits, then writes `cancelled` when the call is
  cancelled (the SDK cancels the tool on `notifications/cancelled`), `finished` when it ran to the end.
- `grow()`: adds the tool `extra` and sends `notifications/tools/list_changed`.
"""

import sys

import anyio
from mcp.server.mcpserver import Context, MCPServer

server = MCPServer("progress")


@server.tool()
async def count(steps: int, ctx: Context) -> str:
    """Reports progress `steps` times."""
    for step in range(1, steps + 1):
        await ctx.report_progress(step, steps, f"step {step}")
        await anyio.sleep(0.05)
    return f"counted {steps}"


@server.tool()
async def slow(seconds: float, marker: str) -> str:
    """Answers after `seconds`; records in `marker` that it started and whether it was cancelled."""
    with open(marker, "w") as file:
        file.write("started")
    try:
        await anyio.sleep(seconds)
    except anyio.get_cancelled_exc_class():
        with open(marker, "w") as file:
            file.write("cancelled")
        raise
    with open(marker, "w") as file:
        file.write("finished")
    return "done"


def extra() -> str:
    """A tool added at runtime."""
    return "extra"


@server.tool()
async def grow(ctx: Context) -> str:
    """Adds the tool `extra` and tells the client the tools changed."""
    server.add_tool(extra)
    await ctx.session.send_tool_list_changed()
    return "grown"


if __name__ == "__main__":
    transport = sys.argv[1] if len(sys.argv) > 1 else "stdio"
    if transport == "stdio":
        server.run("stdio")
    elif transport == "sse":
        server.run("sse", host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]), streamable_http_path="/mcp")
