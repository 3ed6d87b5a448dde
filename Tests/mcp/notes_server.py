"""An upstream MCP server over stdio, built with the official MCP Python SDK, for the gateway's tests.

The gateway starts it as a child process. `crash` ends the process, so a test sees the gateway answer with an
error and start it again; `pid` tells which process answered.
"""

import asyncio
import os

from mcp.server.mcpserver import MCPServer

server = MCPServer("notes")


@server.tool()
def read_note(name: str) -> str:
    """A note by name."""
    return f"note {name}: buy milk"


@server.tool()
def pid() -> str:
    """The process id of this server."""
    return str(os.getpid())


@server.tool()
async def slow(seconds: float) -> str:
    """Answers after `seconds`."""
    await asyncio.sleep(seconds)
    return "done"


@server.tool()
def crash() -> str:
    """Ends the server process at once."""
    os._exit(3)


@server.prompt()
def summary(topic: str) -> str:
    """A summary prompt."""
    return f"Summarise {topic}"


if __name__ == "__main__":
    server.run("stdio")
