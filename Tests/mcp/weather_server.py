"""An upstream MCP server over Streamable HTTP, built with the official MCP Python SDK, for the gateway's tests.

Usage: weather_server.py PORT [sse]: Streamable HTTP at /mcp, or with `sse` the older HTTP+SSE transport (GET /sse,
POST /messages/). Every tool answers with what it received, so a test sees what reached the upstream
(arguments after the gateway's guardrails, forwarded headers).
"""

import sys
from urllib.parse import parse_qs

from mcp.server.mcpserver import Context, MCPServer
from starlette.requests import Request
from starlette.responses import JSONResponse

server = MCPServer("weather")


@server.tool()
def forecast(city: str) -> str:
    """The weather in a city."""
    return f"Sunny in {city}"


@server.tool()
def echo(text: str) -> str:
    """Answers with the text it received."""
    return f"received: {text}"


@server.tool()
def leak() -> str:
    """Answers with an email address, for the guardrail on results."""
    return "write to jane.doe@example.com"


@server.tool()
def headers(ctx: Context) -> str:
    """The request headers this server received, as name=value lines (lower-case names)."""
    request = ctx.request_context.request
    if request is None:
        return ""
    return "\n".join(f"{name}={value}" for name, value in sorted(request.headers.items()))


@server.prompt()
def greeting(name: str) -> str:
    """A greeting prompt."""
    return f"Say hello to {name}"


@server.resource("weather://cities")
def cities() -> str:
    """The cities with a forecast."""
    return "Paris, Oslo"


@server.custom_route("/token", methods=["POST"])
async def token(request: Request) -> JSONResponse:
    """An OAuth2 token endpoint for the client-credentials grant: client `tollgate`, secret `s3cret`."""
    form = parse_qs((await request.body()).decode())
    grant = form.get("grant_type", [""])[0]
    if grant != "client_credentials" or form.get("client_id") != ["tollgate"] or form.get("client_secret") != ["s3cret"]:
        return JSONResponse({"error": "invalid_client"}, status_code=401)
    scope = form.get("scope", [""])[0]
    return JSONResponse({"access_token": f"token-for-{scope or 'none'}", "token_type": "Bearer", "expires_in": 3600})


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "sse":
        server.run("sse", host="127.0.0.1", port=int(sys.argv[1]))
    else:
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[1]), streamable_http_path="/mcp")
