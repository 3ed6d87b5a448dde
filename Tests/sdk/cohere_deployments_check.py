"""The official openai and anthropic SDKs through the gateway to Cohere deployments (translated to Cohere's v2 API).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve these models (as Tests/ServerTests/Cohere/CohereSDKTests.swift configures them): command
(cohere/command-a-03-2025 on GatewayTesting's CohereUpstream, which answers "cohere says: <text>", or calls the first
tool with {"city": "Paris"} and after its result says "It is sunny in Paris.") and embed (cohere/embed-v4.0 there).

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import json
import sys

import openai

from check_runner import run_checks
from gateway_checks import OPENAI_TOOL, QUESTION, chat, chat_tools, expect, messages, messages_tools, openai_client


def tool_call_round_trip():
    first = openai_client.chat.completions.create(model="command", messages=QUESTION, tools=[OPENAI_TOOL])
    call = first.choices[0].message.tool_calls[0]
    expect(json.loads(call.function.arguments) == {"city": "Paris"}, f"arguments: {call.function.arguments}")
    history = QUESTION + [first.choices[0].message.model_dump(exclude_none=True), {"role": "tool", "tool_call_id": call.id, "content": "sunny"}]
    second = openai_client.chat.completions.create(model="command", messages=history, tools=[OPENAI_TOOL])
    expect(second.choices[0].message.content == "It is sunny in Paris.", f"answer: {second.choices[0].message}")


def embeddings():
    # The SDK asks for base64 by default and decodes it.
    answer = openai_client.embeddings.create(model="embed", input=["hello world", "hi"])
    expect(len(answer.data) == 2 and len(answer.data[0].embedding) == 4, f"data: {answer.data}")
    expect(answer.usage.prompt_tokens == 3, f"usage: {answer.usage}")
    sized = openai_client.embeddings.create(
        model="embed", input="hello", dimensions=3, encoding_format="float", extra_body={"input_type": "search_query"}
    )
    expect(len(sized.data[0].embedding) == 3, f"dimensions: {sized.data[0]}")


def refused_parameter():
    try:
        openai_client.chat.completions.create(model="command", messages=[{"role": "user", "content": "x"}], logprobs=True)
    except openai.BadRequestError as error:
        expect(error.body.get("param") == "logprobs", f"error: {error.body}")
        return
    raise AssertionError("logprobs was not refused")


if __name__ == "__main__":
    sys.exit(
        run_checks(
            [
                ("openai chat", chat("command", "cohere says: hello")),
                ("openai chat streamed", chat("command", "cohere says: hello", stream=True)),
                ("openai tool call", chat_tools("command")),
                ("openai tool call streamed", chat_tools("command", stream=True)),
                ("openai tool call and its result", tool_call_round_trip),
                ("openai embeddings (base64 and float, dimensions, input_type)", embeddings),
                ("openai: an unsupported parameter is a 400 naming it", refused_parameter),
                ("anthropic messages.create", messages("command", "cohere says: hi")),
                ("anthropic messages.stream", messages("command", "cohere says: hi", stream=True)),
                ("anthropic tool_use", messages_tools("command")),
                ("anthropic tool_use streamed", messages_tools("command", stream=True)),
            ]
        )
    )
