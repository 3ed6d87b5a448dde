"""Drives a running Tollgate with the official OpenAI SDK against Cohere deployments (translated to Cohere's v2 API).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve these models (as Tests/ServerTests/Cohere/CohereSDKTests.swift configures them): command
(cohere/command-a-03-2025 on GatewayTesting's CohereUpstream, which answers "cohere says: <text>" or calls the first
tool with {"city": "Paris"}) and embed (cohere/embed-v4.0 there).

Prints one line per check; exits 1 on the first failure, with the exception.
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
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}

client = openai.OpenAI(api_key=GATEWAY_KEY, base_url=GATEWAY_URL + "/v1", max_retries=0, timeout=30)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def chat_plain():
    answer = client.chat.completions.create(model="command", messages=[{"role": "user", "content": "Hello there"}], max_tokens=50)
    expect(answer.choices[0].message.content == "cohere says: Hello there", f"content: {answer.choices[0].message}")
    expect(answer.choices[0].finish_reason == "stop", f"finish: {answer.choices[0].finish_reason}")
    expect(answer.usage.prompt_tokens > 0 and answer.usage.completion_tokens > 0, f"usage: {answer.usage}")


def chat_streamed():
    stream = client.chat.completions.create(
        model="command", messages=[{"role": "user", "content": "Stream please"}], stream=True, stream_options={"include_usage": True}
    )
    text, finish, usage = "", None, None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    expect(text == "cohere says: Stream please", f"text: {text!r}")
    expect(finish == "stop", f"finish: {finish}")
    expect(usage is not None and usage.completion_tokens > 0, f"usage: {usage}")


def tool_call_round_trip():
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    first = client.chat.completions.create(model="command", messages=messages, tools=[WEATHER_TOOL])
    call = first.choices[0].message.tool_calls[0]
    expect(call.function.name == "get_weather", f"call: {call}")
    expect(json.loads(call.function.arguments) == {"city": "Paris"}, f"arguments: {call.function.arguments}")
    expect(first.choices[0].finish_reason == "tool_calls", f"finish: {first.choices[0].finish_reason}")
    messages.append(first.choices[0].message.model_dump(exclude_none=True))
    messages.append({"role": "tool", "tool_call_id": call.id, "content": "sunny"})
    second = client.chat.completions.create(model="command", messages=messages, tools=[WEATHER_TOOL])
    expect(second.choices[0].message.content == "It is sunny in Paris.", f"answer: {second.choices[0].message}")


def tool_call_streamed():
    stream = client.chat.completions.create(
        model="command", messages=[{"role": "user", "content": "Weather?"}], tools=[WEATHER_TOOL], stream=True
    )
    name, arguments, finish = "", "", None
    for chunk in stream:
        for choice in chunk.choices:
            for call in choice.delta.tool_calls or []:
                name += call.function.name or ""
                arguments += call.function.arguments or ""
            finish = choice.finish_reason or finish
    expect(name == "get_weather", f"name: {name!r}")
    expect(json.loads(arguments) == {"city": "Paris"}, f"arguments: {arguments!r}")
    expect(finish == "tool_calls", f"finish: {finish}")


def embeddings():
    # The SDK asks for base64 by default and decodes it.
    answer = client.embeddings.create(model="embed", input=["hello world", "hi"])
    expect(len(answer.data) == 2 and len(answer.data[0].embedding) == 4, f"data: {answer.data}")
    expect(answer.usage.prompt_tokens == 3, f"usage: {answer.usage}")
    sized = client.embeddings.create(model="embed", input="hello", dimensions=3, encoding_format="float", extra_body={"input_type": "search_query"})
    expect(len(sized.data[0].embedding) == 3, f"dimensions: {sized.data[0]}")


def refused_parameter():
    try:
        client.chat.completions.create(model="command", messages=[{"role": "user", "content": "x"}], logprobs=True)
    except openai.BadRequestError as error:
        expect(error.body.get("param") == "logprobs", f"error: {error.body}")
        return
    raise AssertionError("logprobs was not refused")


if __name__ == "__main__":
    sys.exit(
        run_checks(
            [
                ("chat", chat_plain),
                ("chat streamed", chat_streamed),
                ("tool call and its result", tool_call_round_trip),
                ("tool call streamed", tool_call_streamed),
                ("embeddings (base64 and float, dimensions, input_type)", embeddings),
                ("an unsupported parameter is a 400 naming it", refused_parameter),
            ]
        )
    )
