"""Drives a running Tollgate with the official OpenAI and Anthropic Python SDKs.

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve these models (as Tests/ServerTests/SDKCompatibilityTests.swift configures them against
GatewayTesting's TestUpstream): gpt-test (OpenAI-format echo), claude-test (Anthropic-format echo),
gpt-tools and claude-tools (the upstream calls get_weather with {"city": "Paris"}).

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import json
import os
import sys
import traceback

import anthropic
import openai

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]

WEATHER_TOOL_OPENAI = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
WEATHER_TOOL_ANTHROPIC = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def openai_client(key=GATEWAY_KEY):
    return openai.OpenAI(base_url=GATEWAY_URL + "/v1", api_key=key, max_retries=0, timeout=30)


def anthropic_client():
    return anthropic.Anthropic(base_url=GATEWAY_URL, api_key=GATEWAY_KEY, max_retries=0, timeout=30)


# MARK: OpenAI SDK


def openai_chat():
    reply = openai_client().chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "hello from openai"}]
    )
    expect_equal(reply.choices[0].message.content, "upstream says: hello from openai", "content")
    expect_equal(reply.choices[0].finish_reason, "stop", "finish_reason")
    expect(reply.usage is not None and reply.usage.total_tokens > 0, f"usage missing: {reply.usage!r}")


def openai_chat_stream():
    stream = openai_client().chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "stream me please"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    parts, finish, usage = [], None, None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                parts.append(choice.delta.content)
            if choice.finish_reason:
                finish = choice.finish_reason
    expect_equal("".join(parts).strip(), "upstream says: stream me please", "joined deltas")
    expect_equal(finish, "stop", "finish_reason")
    expect(usage is not None and usage.total_tokens > 0, f"usage chunk missing: {usage!r}")


def openai_embeddings():
    reply = openai_client().embeddings.create(model="gpt-test", input="vector please")
    expect_equal(len(reply.data), 1, "embedding count")
    expect_equal(len(reply.data[0].embedding), 3, "vector length")


def openai_models():
    ids = {model.id for model in openai_client().models.list()}
    for name in ("gpt-test", "claude-test"):
        expect(name in ids, f"{name} not in models.list(): {sorted(ids)}")


def openai_tool_call():
    reply = openai_client().chat.completions.create(
        model="gpt-tools",
        messages=[{"role": "user", "content": "weather in Paris?"}],
        tools=[WEATHER_TOOL_OPENAI],
    )
    choice = reply.choices[0]
    expect_equal(choice.finish_reason, "tool_calls", "finish_reason")
    calls = choice.message.tool_calls or []
    expect_equal(len(calls), 1, "tool call count")
    expect_equal(calls[0].function.name, "get_weather", "tool name")
    expect_equal(json.loads(calls[0].function.arguments), {"city": "Paris"}, "tool arguments")


def openai_tool_call_stream():
    stream = openai_client().chat.completions.create(
        model="gpt-tools",
        messages=[{"role": "user", "content": "weather in Paris?"}],
        tools=[WEATHER_TOOL_OPENAI],
        stream=True,
    )
    names, arguments, finish = {}, {}, None
    for chunk in stream:
        for choice in chunk.choices:
            for call in choice.delta.tool_calls or []:
                if call.function and call.function.name:
                    names[call.index] = names.get(call.index, "") + call.function.name
                if call.function and call.function.arguments:
                    arguments[call.index] = arguments.get(call.index, "") + call.function.arguments
            if choice.finish_reason:
                finish = choice.finish_reason
    expect_equal(finish, "tool_calls", "finish_reason")
    expect_equal(names, {0: "get_weather"}, "streamed tool names")
    expect_equal(json.loads(arguments.get(0, "null")), {"city": "Paris"}, "streamed tool arguments")


def openai_wrong_key():
    try:
        openai_client(key="sk-wrong").chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": "hi"}]
        )
    except openai.AuthenticationError as error:
        expect_equal(error.status_code, 401, "status")
        return
    raise AssertionError("a wrong key did not raise openai.AuthenticationError")


# MARK: Anthropic SDK


def text_of(message):
    return "".join(block.text for block in message.content if block.type == "text")


def anthropic_create(model):
    def check():
        text = f"hello {model} via anthropic"
        message = anthropic_client().messages.create(
            model=model, max_tokens=64, messages=[{"role": "user", "content": text}]
        )
        expect_equal(message.type, "message", "type")
        expect_equal(message.role, "assistant", "role")
        expect_equal(text_of(message).strip(), "upstream says: " + text, "text")
        expect_equal(message.stop_reason, "end_turn", "stop_reason")
        expect(message.usage.input_tokens > 0 and message.usage.output_tokens > 0, f"usage: {message.usage!r}")

    return check


def anthropic_stream(model):
    def check():
        text = f"stream {model} via anthropic"
        with anthropic_client().messages.stream(
            model=model, max_tokens=64, messages=[{"role": "user", "content": text}]
        ) as stream:
            streamed = "".join(stream.text_stream)
            message = stream.get_final_message()
        expect_equal(streamed.strip(), "upstream says: " + text, "streamed text")
        expect_equal(text_of(message).strip(), "upstream says: " + text, "final message text")
        expect_equal(message.stop_reason, "end_turn", "stop_reason")
        expect(message.usage.output_tokens > 0, f"usage: {message.usage!r}")

    return check


def anthropic_raw_stream(model):
    """create(stream=True): the raw event order the SDK sees."""

    def check():
        events = list(
            anthropic_client().messages.create(
                model=model, max_tokens=64, messages=[{"role": "user", "content": "raw events"}], stream=True
            )
        )
        types = [event.type for event in events]
        expect_equal(types[0], "message_start", "first event")
        expect_equal(types[-1], "message_stop", "last event")
        expect("content_block_start" in types and "content_block_stop" in types, f"block events missing: {types}")
        expect(types.index("content_block_start") < types.index("content_block_stop"), f"event order: {types}")
        expect("message_delta" in types and types.index("message_delta") > types.index("content_block_stop"), f"event order: {types}")
        delta = events[types.index("message_delta")]
        expect_equal(delta.delta.stop_reason, "end_turn", "message_delta stop_reason")
        expect(delta.usage.output_tokens > 0, f"message_delta usage: {delta.usage!r}")

    return check


def anthropic_tool_call(model):
    def check():
        message = anthropic_client().messages.create(
            model=model,
            max_tokens=64,
            messages=[{"role": "user", "content": "weather in Paris?"}],
            tools=[WEATHER_TOOL_ANTHROPIC],
        )
        expect_tool_use(message)

    return check


def anthropic_tool_call_stream(model):
    def check():
        with anthropic_client().messages.stream(
            model=model,
            max_tokens=64,
            messages=[{"role": "user", "content": "weather in Paris?"}],
            tools=[WEATHER_TOOL_ANTHROPIC],
        ) as stream:
            message = stream.get_final_message()
        expect_tool_use(message)

    return check


def expect_tool_use(message):
    uses = [block for block in message.content if block.type == "tool_use"]
    expect_equal(len(uses), 1, f"tool_use block count in {message.content!r}")
    expect_equal(uses[0].name, "get_weather", "tool name")
    expect_equal(uses[0].input, {"city": "Paris"}, "tool input")
    expect(uses[0].id, f"tool_use id missing: {uses[0]!r}")
    expect_equal(message.stop_reason, "tool_use", "stop_reason")


def anthropic_wrong_key():
    client = anthropic.Anthropic(base_url=GATEWAY_URL, api_key="sk-wrong", max_retries=0, timeout=30)
    try:
        client.messages.create(model="claude-test", max_tokens=16, messages=[{"role": "user", "content": "hi"}])
    except anthropic.AuthenticationError as error:
        expect_equal(error.status_code, 401, "status")
        return
    raise AssertionError("a wrong key did not raise anthropic.AuthenticationError")


CHECKS = [
    ("openai chat.completions.create", openai_chat),
    ("openai chat.completions.create stream", openai_chat_stream),
    ("openai embeddings.create", openai_embeddings),
    ("openai models.list", openai_models),
    ("openai tool call gpt-tools", openai_tool_call),
    ("openai tool call stream gpt-tools", openai_tool_call_stream),
    ("openai wrong key -> AuthenticationError", openai_wrong_key),
    ("anthropic messages.create gpt-test", anthropic_create("gpt-test")),
    ("anthropic messages.create claude-test", anthropic_create("claude-test")),
    ("anthropic messages.stream gpt-test", anthropic_stream("gpt-test")),
    ("anthropic messages.stream claude-test", anthropic_stream("claude-test")),
    ("anthropic create(stream=True) events gpt-test", anthropic_raw_stream("gpt-test")),
    ("anthropic create(stream=True) events claude-test", anthropic_raw_stream("claude-test")),
    ("anthropic tool_use claude-tools", anthropic_tool_call("claude-tools")),
    ("anthropic tool_use gpt-tools", anthropic_tool_call("gpt-tools")),
    ("anthropic tool_use stream claude-tools", anthropic_tool_call_stream("claude-tools")),
    ("anthropic tool_use stream gpt-tools", anthropic_tool_call_stream("gpt-tools")),
    ("anthropic wrong key -> AuthenticationError", anthropic_wrong_key),
]


def main():
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    for name, check in CHECKS:
        try:
            check()
        except Exception:
            print(f"FAIL {name}", flush=True)
            traceback.print_exc(file=sys.stdout)
            return 1
        print(f"ok   {name}", flush=True)
    print(f"all {len(CHECKS)} checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
