"""The official openai and anthropic SDKs through the gateway to Bedrock and Azure deployments (BedrockSDKTests).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve (as Tests/BedrockProviderTests/BedrockSDKTests.swift configures them):
claude-converse (a bedrock/ model on the Bedrock stand-in, reached through Converse for OpenAI chat),
claude-native (bedrock/us.anthropic... there, reached through InvokeModel for /v1/messages),
azure-chat (azure/gpt4o on GatewayTesting's AzureUpstream) and azure-tools (azure/tool-call there): OpenAI chat to
both kinds, and Anthropic's /v1/messages natively to the Bedrock Claude and translated to the Azure ones.

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import json
import os
import sys

import anthropic
import openai

from check_runner import run_checks

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]

OPENAI_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
ANTHROPIC_TOOL = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}
QUESTION = [{"role": "user", "content": "weather in Paris?"}]

openai_client = openai.OpenAI(base_url=GATEWAY_URL + "/v1", api_key=GATEWAY_KEY, max_retries=0, timeout=30)
anthropic_client = anthropic.Anthropic(base_url=GATEWAY_URL, api_key=GATEWAY_KEY, max_retries=0, timeout=30)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def chat(model, expected):
    def check():
        answer = openai_client.chat.completions.create(model=model, messages=[{"role": "user", "content": "hello cloud"}])
        expect(answer.choices[0].message.content == expected, f"content: {answer.choices[0].message.content!r}")
        expect(answer.choices[0].finish_reason == "stop", f"finish_reason: {answer.choices[0].finish_reason}")
        expect(answer.usage is not None and answer.usage.total_tokens > 0, f"usage: {answer.usage}")

    return check


def chat_stream(model, expected):
    def check():
        stream = openai_client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "stream cloud"}], stream=True, stream_options={"include_usage": True}
        )
        text, finish, usage = "", None, None
        for chunk in stream:
            usage = chunk.usage or usage
            for choice in chunk.choices:
                text += choice.delta.content or ""
                finish = choice.finish_reason or finish
        expect(text.strip() == expected, f"streamed text: {text!r}")
        expect(finish == "stop", f"finish_reason: {finish}")
        expect(usage is not None and usage.total_tokens > 0, f"usage: {usage}")

    return check


def chat_tools(model):
    def check():
        answer = openai_client.chat.completions.create(model=model, messages=QUESTION, tools=[OPENAI_TOOL])
        expect(answer.choices[0].finish_reason == "tool_calls", f"finish_reason: {answer.choices[0].finish_reason}")
        call = answer.choices[0].message.tool_calls[0]
        expect(call.function.name == "get_weather", f"tool: {call.function.name}")
        expect(json.loads(call.function.arguments) == {"city": "Paris"}, f"arguments: {call.function.arguments}")

    return check


def chat_tools_stream(model):
    def check():
        stream = openai_client.chat.completions.create(model=model, messages=QUESTION, tools=[OPENAI_TOOL], stream=True)
        names, arguments, finish = "", "", None
        for chunk in stream:
            for choice in chunk.choices:
                for call in choice.delta.tool_calls or []:
                    names += (call.function and call.function.name) or ""
                    arguments += (call.function and call.function.arguments) or ""
                finish = choice.finish_reason or finish
        expect(finish == "tool_calls", f"finish_reason: {finish}")
        expect(names == "get_weather" and json.loads(arguments) == {"city": "Paris"}, f"streamed call: {names} {arguments}")

    return check


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


def messages_translated(model, stream):
    """/v1/messages to a deployment that speaks OpenAI chat (Azure): translated both ways."""

    def check():
        arguments = dict(model=model, max_tokens=64, messages=[{"role": "user", "content": "hi"}])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                text = "".join(events.text_stream)
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
            text = message.content[0].text
        # The stand-in streams word by word, each with a trailing space.
        expect(text.strip() == "azure says: hi", f"text: {text!r}")
        expect(message.id.startswith("msg_") and message.stop_reason == "end_turn", f"message: {message}")
        expect(message.usage.input_tokens > 0 and message.usage.output_tokens > 0, f"usage: {message.usage}")

    return check


def messages_tools(stream, model="claude-native"):
    def check():
        arguments = dict(model=model, max_tokens=64, messages=QUESTION, tools=[ANTHROPIC_TOOL])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
        uses = [block for block in message.content if block.type == "tool_use"]
        expect(len(uses) == 1 and uses[0].name == "get_weather" and uses[0].input == {"city": "Paris"}, f"content: {message.content}")
        expect(message.stop_reason == "tool_use", f"stop_reason: {message.stop_reason}")

    return check


CHECKS = [
    ("openai chat bedrock", chat("claude-converse", "Hello from Bedrock")),
    ("openai chat stream bedrock", chat_stream("claude-converse", "Hello world")),
    ("openai chat tools bedrock", chat_tools("claude-converse")),
    ("openai chat tools stream bedrock", chat_tools_stream("claude-converse")),
    ("openai chat azure", chat("azure-chat", "azure says: hello cloud")),
    ("openai chat stream azure", chat_stream("azure-chat", "azure says: stream cloud")),
    ("openai chat tools azure", chat_tools("azure-tools")),
    ("openai chat tools stream azure", chat_tools_stream("azure-tools")),
    ("anthropic messages.create bedrock claude", messages_create),
    ("anthropic messages.stream bedrock claude", messages_stream),
    ("anthropic create(stream=True) events bedrock claude", messages_raw_events),
    ("anthropic tool_use bedrock claude", messages_tools(stream=False)),
    ("anthropic tool_use stream bedrock claude", messages_tools(stream=True)),
    ("anthropic messages.create azure", messages_translated("azure-chat", stream=False)),
    ("anthropic messages.stream azure", messages_translated("azure-chat", stream=True)),
    ("anthropic tool_use azure", messages_tools(stream=False, model="azure-tools")),
    ("anthropic tool_use stream azure", messages_tools(stream=True, model="azure-tools")),
]

if __name__ == "__main__":
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    sys.exit(run_checks(CHECKS))
