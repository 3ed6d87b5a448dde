"""The official openai and anthropic SDKs through the gateway to Vertex AI deployments of both families (VertexSDKTests).

Environment:
    GATEWAY_URL  the gateway's base address (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve (as Tests/ServerTests/Vertex/VertexSDKTests.swift configures them, on GatewayTesting's
VertexUpstream): vertex-claude (vertex_ai/claude-sonnet-4-5@20250929), vertex-claude-tools (vertex_ai/claude-tool-call)
and vertex-gemini (vertex_ai/gemini-2.5-flash). OpenAI chat to both families (translated), Anthropic's /v1/messages
natively to Claude (rawPredict / streamRawPredict) and translated to Gemini.

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


def chat(model, expected, stream):
    def check():
        arguments = dict(model=model, messages=[{"role": "user", "content": "hello vertex"}])
        if not stream:
            answer = openai_client.chat.completions.create(**arguments)
            text, finish, usage = answer.choices[0].message.content, answer.choices[0].finish_reason, answer.usage
        else:
            text, finish, usage = "", None, None
            for chunk in openai_client.chat.completions.create(**arguments, stream=True, stream_options={"include_usage": True}):
                usage = chunk.usage or usage
                for choice in chunk.choices:
                    text += choice.delta.content or ""
                    finish = choice.finish_reason or finish
        expect(text.strip() == expected, f"content: {text!r}")
        expect(finish == "stop", f"finish_reason: {finish}")
        expect(usage is not None and usage.total_tokens > 0, f"usage: {usage}")

    return check


def chat_tools(model, stream):
    def check():
        arguments = dict(model=model, messages=QUESTION, tools=[OPENAI_TOOL])
        if not stream:
            answer = openai_client.chat.completions.create(**arguments)
            call = answer.choices[0].message.tool_calls[0]
            name, args, finish = call.function.name, call.function.arguments, answer.choices[0].finish_reason
        else:
            name, args, finish = "", "", None
            for chunk in openai_client.chat.completions.create(**arguments, stream=True):
                for choice in chunk.choices:
                    for call in choice.delta.tool_calls or []:
                        name += (call.function and call.function.name) or ""
                        args += (call.function and call.function.arguments) or ""
                    finish = choice.finish_reason or finish
        expect(finish == "tool_calls", f"finish_reason: {finish}")
        expect(name == "get_weather" and json.loads(args) == {"city": "Paris"}, f"call: {name} {args}")

    return check


def messages(model, expected, stream):
    def check():
        arguments = dict(model=model, max_tokens=64, messages=[{"role": "user", "content": "hello vertex"}])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                text = "".join(events.text_stream)
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
            text = message.content[0].text
        expect(text.strip() == expected, f"text: {text!r}")
        expect(message.stop_reason == "end_turn", f"stop_reason: {message.stop_reason}")
        expect(message.usage.input_tokens > 0 and message.usage.output_tokens > 0, f"usage: {message.usage}")

    return check


def messages_tools(model, stream):
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


CHECKS = []
for stream in (False, True):
    suffix = " stream" if stream else ""
    CHECKS += [
        (f"openai chat vertex claude{suffix}", chat("vertex-claude", "upstream says: hello vertex", stream)),
        (f"openai chat vertex gemini{suffix}", chat("vertex-gemini", "gemini says: hello vertex", stream)),
        (f"openai chat tools vertex claude{suffix}", chat_tools("vertex-claude-tools", stream)),
        (f"openai chat tools vertex gemini{suffix}", chat_tools("vertex-gemini", stream)),
        (f"anthropic messages vertex claude{suffix}", messages("vertex-claude", "upstream says: hello vertex", stream)),
        (f"anthropic messages vertex gemini{suffix}", messages("vertex-gemini", "gemini says: hello vertex", stream)),
        (f"anthropic tool_use vertex claude{suffix}", messages_tools("vertex-claude-tools", stream)),
        (f"anthropic tool_use vertex gemini{suffix}", messages_tools("vertex-gemini", stream)),
    ]

if __name__ == "__main__":
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    sys.exit(run_checks(CHECKS))
