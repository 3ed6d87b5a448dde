"""The official openai and anthropic SDKs through the gateway to Vertex AI deployments of both families (VertexSDKTests).

Environment: GATEWAY_URL and GATEWAY_KEY (gateway_checks.py).

The gateway must serve (as Tests/ServerTests/Vertex/VertexSDKTests.swift configures them, on GatewayTesting's
VertexUpstream): vertex-claude (vertex_ai/claude-sonnet-4-5@20250929), vertex-claude-tools (vertex_ai/claude-tool-call)
and vertex-gemini (vertex_ai/gemini-2.5-flash). OpenAI chat to both families (translated), Anthropic's /v1/messages
natively to Claude (rawPredict / streamRawPredict) and translated to Gemini.

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import sys

import anthropic
import openai

from check_runner import run_checks
from gateway_checks import GATEWAY_URL, chat, chat_tools, messages, messages_tools

CHECKS = []
for stream in (False, True):
    suffix = " stream" if stream else ""
    CHECKS += [
        (f"openai chat vertex claude{suffix}", chat("vertex-claude", "upstream says: hello vertex", stream, prompt="hello vertex")),
        (f"openai chat vertex gemini{suffix}", chat("vertex-gemini", "gemini says: hello vertex", stream, prompt="hello vertex")),
        (f"openai chat tools vertex claude{suffix}", chat_tools("vertex-claude-tools", stream)),
        (f"openai chat tools vertex gemini{suffix}", chat_tools("vertex-gemini", stream)),
        (f"anthropic messages vertex claude{suffix}", messages("vertex-claude", "upstream says: hello vertex", stream, prompt="hello vertex")),
        (f"anthropic messages vertex gemini{suffix}", messages("vertex-gemini", "gemini says: hello vertex", stream, prompt="hello vertex")),
        (f"anthropic tool_use vertex claude{suffix}", messages_tools("vertex-claude-tools", stream)),
        (f"anthropic tool_use vertex gemini{suffix}", messages_tools("vertex-gemini", stream)),
    ]

if __name__ == "__main__":
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    sys.exit(run_checks(CHECKS))
