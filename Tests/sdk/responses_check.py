"""Drives a running Tollgate's /v1/responses with the official OpenAI Python SDK (client.responses.*).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts

The gateway must store responses (a storage plugin) and serve, as Tests/ServerTests/Responses/ResponsesSDKTests.swift
configures them against GatewayTesting's TestUpstream: gpt-test (OpenAI-format echo, whose Responses API the gateway
passes conversations through to, follow-ups included), claude-test (Anthropic-format echo),
gpt-tools and claude-tools (the upstream calls get_weather with {"city": "Paris"}).

Every check runs against the OpenAI-format and the Anthropic-format upstream. Prints one line per check; exits 1 on
the first failure, with the exception.
"""

import json
import os
import sys

import openai
from check_runner import run_checks

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]

WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "The weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}

UPSTREAMS = {"openai": ("gpt-test", "gpt-tools"), "anthropic": ("claude-test", "claude-tools")}


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def client():
    return openai.OpenAI(base_url=GATEWAY_URL + "/v1", api_key=GATEWAY_KEY, max_retries=0, timeout=30)


def plain(echo, _tools):
    response = client().responses.create(model=echo, instructions="be brief", input="hello from responses")
    expect(response.id.startswith("resp_"), f"id: {response.id!r}")
    expect_equal(response.object, "response", "object")
    expect_equal(response.status, "completed", "status")
    expect_equal(response.output_text, "upstream says: hello from responses", "output_text")
    expect(response.usage is not None and response.usage.total_tokens > 0, f"usage: {response.usage!r}")
    expect(response.usage.input_tokens > 0 and response.usage.output_tokens > 0, f"usage: {response.usage!r}")


def streamed(echo, _tools):
    stream = client().responses.create(model=echo, input="stream me please", stream=True)
    types, deltas, completed = [], [], None
    for event in stream:
        types.append(event.type)
        if event.type == "response.output_text.delta":
            deltas.append(event.delta)
        if event.type == "response.completed":
            completed = event.response
    expect_equal(types[0], "response.created", "first event")
    expect_equal(types[-1], "response.completed", "last event")
    for required in ("response.output_item.added", "response.content_part.added", "response.output_text.done"):
        expect(required in types, f"no {required} in {types}")
    expect(completed is not None, "no response.completed")
    expect_equal(completed.output_text, "".join(deltas), "completed text vs deltas")
    expect("".join(deltas).startswith("upstream says: stream me please"), f"text: {''.join(deltas)!r}")
    expect(completed.usage is not None and completed.usage.output_tokens > 0, f"usage: {completed.usage!r}")


def function_tool(echo, tools):
    first = client().responses.create(model=tools, input="weather in Paris?", tools=[WEATHER_TOOL])
    calls = [item for item in first.output if item.type == "function_call"]
    expect(len(calls) == 1, f"function calls: {first.output!r}")
    call = calls[0]
    expect_equal(call.name, "get_weather", "tool name")
    expect_equal(json.loads(call.arguments), {"city": "Paris"}, "arguments")
    second = client().responses.create(
        model=echo,
        previous_response_id=first.id,
        tools=[WEATHER_TOOL],
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny, 21C"}],
    )
    expect_equal(second.status, "completed", "status after the tool output")
    expect_equal(second.previous_response_id, first.id, "previous_response_id")


def function_tool_stream(_echo, tools):
    stream = client().responses.create(model=tools, input="weather?", tools=[WEATHER_TOOL], stream=True)
    arguments, completed = "", None
    for event in stream:
        if event.type == "response.function_call_arguments.delta":
            arguments += event.delta
        if event.type == "response.completed":
            completed = event.response
    expect_equal(json.loads(arguments), {"city": "Paris"}, "streamed arguments")
    expect_equal([item.type for item in completed.output], ["function_call"], "output items")


def previous_response(echo, _tools):
    api = client()
    first = api.responses.create(model=echo, input="my name is Ada")
    second = api.responses.create(model=echo, input="what is my name?", previous_response_id=first.id)
    # gpt-test's upstream speaks the Responses API: the follow-up goes back to it natively, and it recalls the first
    # turn from its own state; claude-test gets the stored conversation translated.
    recalled = " (upstream recalls: my name is Ada)" if echo == "gpt-test" else ""
    expect_equal(second.output_text, "upstream says: what is my name?" + recalled, "follow-up text")
    expect_equal(second.previous_response_id, first.id, "echoed previous_response_id")
    fetched = api.responses.retrieve(first.id)
    expect_equal(fetched.id, first.id, "retrieved id")
    expect_equal(fetched.output_text, first.output_text, "retrieved text")
    items = api.responses.input_items.list(first.id)
    texts = [part.text for item in items.data for part in item.content]
    expect_equal(texts, ["my name is Ada"], "input items")
    api.responses.delete(first.id)
    try:
        api.responses.retrieve(first.id)
    except openai.NotFoundError:
        pass
    else:
        raise AssertionError("a deleted response was still found")


def built_in_tool(echo, _tools):
    """A built-in tool reaches an upstream speaking the Responses API as sent; elsewhere it is a 400 naming it."""
    if echo == UPSTREAMS["openai"][0]:
        response = client().responses.create(model=echo, input="hi", tools=[{"type": "web_search"}], store=False)
        expect(response.output_text.startswith("upstream says:"), f"answered natively: {response.output_text!r}")
        return
    try:
        client().responses.create(model=echo, input="hi", tools=[{"type": "web_search"}])
    except openai.BadRequestError as error:
        expect_equal(error.body.get("param"), "tools[0]", "param of the 400")
        expect_equal(error.body.get("code"), "unsupported_params", "code of the 400")
    else:
        raise AssertionError("a built-in tool was not refused for a chat upstream")


CHECKS = [plain, streamed, function_tool, function_tool_stream, previous_response, built_in_tool]


def main():
    cases = [
        (f"{check.__name__} via {upstream}", lambda check=check, echo=echo, tools=tools: check(echo, tools))
        for upstream, (echo, tools) in UPSTREAMS.items()
        for check in CHECKS
    ]
    return run_checks(cases)


if __name__ == "__main__":
    sys.exit(main())
