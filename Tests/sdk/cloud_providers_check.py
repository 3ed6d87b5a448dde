"""The official openai and anthropic SDKs through the gateway to Bedrock and Azure deployments (BedrockSDKTests).

Environment: GATEWAY_URL and GATEWAY_KEY (gateway_checks.py).

The gateway must serve (as Tests/BedrockProviderTests/BedrockSDKTests.swift configures them):
claude-converse (a bedrock/ model on the Bedrock stand-in, reached through Converse for OpenAI chat),
claude-native (bedrock/us.anthropic... there, reached through InvokeModel for /v1/messages),
azure-chat (azure/gpt4o on GatewayTesting's AzureUpstream) and azure-tools (azure/tool-call there): OpenAI chat to
both kinds, and Anthropic's /v1/messages natively to the Bedrock Claude and translated to the Azure ones.

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import sys

import anthropic
import openai

from check_runner import run_checks
from gateway_checks import GATEWAY_URL, anthropic_client, chat, chat_tools, expect, messages, messages_tools


def messages_create():
    message = anthropic_client.messages.create(model="claude-native", max_tokens=64, messages=[{"role": "user", "content": "hi"}])
    expect(message.id.startswith("msg_bdrk_"), f"Bedrock's own message id: {message.id}")
    expect(message.content[0].text == "Hello from Claude on Bedrock", f"content: {message.content}")
    expect(message.stop_reason == "end_turn" and message.usage.output_tokens == 12, f"{message.stop_reason} {message.usage}")


def messages_stream():
    with anthropic_client.messages.stream(model="claude-native", max_tokens=64, messages=[{"role": "user", "content": "hi"}]) as stream:
        text = "".join(stream.text_stream)
        message = stream.get_final_message()
    expect(text == "Hello from Claude on Bedrock", f"streamed text: {text!r}")
    expect(message.id.startswith("msg_bdrk_") and message.stop_reason == "end_turn", f"final message: {message}")


def messages_raw_events():
    events = list(
        anthropic_client.messages.create(model="claude-native", max_tokens=64, messages=[{"role": "user", "content": "hi"}], stream=True)
    )
    types = [event.type for event in events]
    expect(types[0] == "message_start" and types[-1] == "message_stop", f"event order: {types}")
    expect(types.count("content_block_delta") == 5, f"each delta as Bedrock sent it: {types}")


CHECKS = [
    ("openai chat bedrock", chat("claude-converse", "Hello from Bedrock", prompt="hello cloud")),
    ("openai chat stream bedrock", chat("claude-converse", "Hello world", stream=True, prompt="stream cloud")),
    ("openai chat tools bedrock", chat_tools("claude-converse")),
    ("openai chat tools stream bedrock", chat_tools("claude-converse", stream=True)),
    ("openai chat azure", chat("azure-chat", "azure says: hello cloud", prompt="hello cloud")),
    ("openai chat stream azure", chat("azure-chat", "azure says: stream cloud", stream=True, prompt="stream cloud")),
    ("openai chat tools azure", chat_tools("azure-tools")),
    ("openai chat tools stream azure", chat_tools("azure-tools", stream=True)),
    ("anthropic messages.create bedrock claude", messages_create),
    ("anthropic messages.stream bedrock claude", messages_stream),
    ("anthropic create(stream=True) events bedrock claude", messages_raw_events),
    ("anthropic tool_use bedrock claude", messages_tools("claude-native")),
    ("anthropic tool_use stream bedrock claude", messages_tools("claude-native", stream=True)),
    ("anthropic messages.create azure", messages("azure-chat", "azure says: hi")),
    ("anthropic messages.stream azure", messages("azure-chat", "azure says: hi", stream=True)),
    ("anthropic tool_use azure", messages_tools("azure-tools")),
    ("anthropic tool_use stream azure", messages_tools("azure-tools", stream=True)),
]

if __name__ == "__main__":
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    sys.exit(run_checks(CHECKS))
