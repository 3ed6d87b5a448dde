"""The official openai and anthropic SDKs through the gateway to Gemini deployments (GeminiSDKTests).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts

The gateway must serve (as Tests/ServerTests/Gemini/GeminiSDKTests.swift configures them, on GatewayTesting's
GeminiUpstream): gem (gemini/gemini-2.5-flash), gem3 (gemini/gemini-3-pro-preview, which wants its thought signature
back with a function call), gem-embed (gemini/gemini-embedding-001), gem-block (a prompt Gemini blocks for safety)
and gem-badkey (a deployment whose key Gemini refuses). OpenAI chat is translated to generateContent; Anthropic's
/v1/messages is translated to OpenAI chat's view and from there to Gemini.

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import json
import sys

import anthropic
import openai

from check_runner import run_checks
from gateway_checks import ANTHROPIC_TOOL, GATEWAY_URL, QUESTION, anthropic_client, expect, openai_client

# gateway_checks' tool with `additionalProperties: false`, which Gemini's schema does not take: the gateway cleans it out.
OPENAI_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": False},
    },
}


def chat():
    answer = openai_client.chat.completions.create(
        model="gem", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hello gemini"}]
    )
    expect(answer.choices[0].message.content == "gemini says: hello gemini", f"content: {answer.choices[0].message.content!r}")
    expect(answer.choices[0].finish_reason == "stop", f"finish_reason: {answer.choices[0].finish_reason}")
    expect(answer.usage.prompt_tokens == 11 and answer.usage.completion_tokens == 5, f"usage: {answer.usage}")


def chat_thinking():
    answer = openai_client.chat.completions.create(model="gem", messages=[{"role": "user", "content": "think"}], reasoning_effort="low")
    message = answer.choices[0].message
    expect(getattr(message, "reasoning_content", None) == "Let me think about it.", f"reasoning: {message}")
    expect(answer.usage.completion_tokens_details.reasoning_tokens == 7, f"usage: {answer.usage}")
    expect(answer.usage.completion_tokens == 12, f"thoughts count as output: {answer.usage}")


def chat_stream():
    stream = openai_client.chat.completions.create(
        model="gem", messages=[{"role": "user", "content": "stream gemini"}], stream=True, stream_options={"include_usage": True}
    )
    text, finish, usage = "", None, None
    for chunk in stream:
        usage = chunk.usage or usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    expect(text == "gemini says: stream gemini", f"streamed text: {text!r}")
    expect(finish == "stop", f"finish_reason: {finish}")
    expect(usage is not None and usage.total_tokens == 16, f"usage: {usage}")


def chat_tools_round_trip(stream):
    def check():
        if stream:
            events = openai_client.chat.completions.create(model="gem3", messages=QUESTION, tools=[OPENAI_TOOL], stream=True)
            calls, finish = {}, None
            for chunk in events:
                for choice in chunk.choices:
                    for call in choice.delta.tool_calls or []:
                        entry = calls.setdefault(call.index, {"id": "", "name": "", "arguments": ""})
                        entry["id"] += call.id or ""
                        entry["name"] += (call.function and call.function.name) or ""
                        entry["arguments"] += (call.function and call.function.arguments) or ""
                    finish = choice.finish_reason or finish
            expect(finish == "tool_calls" and len(calls) == 1, f"streamed calls: {calls} {finish}")
            call = calls[0]
            tool_call = {"id": call["id"], "type": "function", "function": {"name": call["name"], "arguments": call["arguments"]}}
        else:
            answer = openai_client.chat.completions.create(model="gem3", messages=QUESTION, tools=[OPENAI_TOOL], tool_choice="required")
            expect(answer.choices[0].finish_reason == "tool_calls", f"finish_reason: {answer.choices[0].finish_reason}")
            tool_call = answer.choices[0].message.tool_calls[0].model_dump()
        expect(tool_call["function"]["name"] == "get_weather", f"tool: {tool_call}")
        expect(json.loads(tool_call["function"]["arguments"]) == {"city": "Paris"}, f"arguments: {tool_call}")
        # The assistant turn goes back as the SDK got it: Gemini 3 refuses the turn without its thought signature.
        messages = QUESTION + [
            {"role": "assistant", "content": None, "tool_calls": [tool_call]},
            {"role": "tool", "tool_call_id": tool_call["id"], "content": "22C"},
        ]
        answer = openai_client.chat.completions.create(model="gem3", messages=messages, tools=[OPENAI_TOOL])
        expect(answer.choices[0].message.content == "weather: 22C", f"final answer: {answer.choices[0].message.content!r}")

    return check


def embeddings():
    result = openai_client.embeddings.create(model="gem-embed", input=["abc", "hello"], dimensions=4)
    expect([len(item.embedding) for item in result.data] == [4, 4], f"dimensions: {result.data}")
    expect(result.data[0].embedding[0] == 3.0 and result.data[1].embedding[0] == 5.0, f"order: {result.data}")
    expect(result.usage.prompt_tokens > 0, f"usage: {result.usage}")


def safety_block():
    answer = openai_client.chat.completions.create(model="gem-block", messages=[{"role": "user", "content": "something bad"}])
    expect(answer.choices[0].finish_reason == "content_filter", f"finish_reason: {answer.choices[0].finish_reason}")
    expect(answer.choices[0].message.content is None, f"content: {answer.choices[0].message.content!r}")


def bad_key():
    try:
        openai_client.chat.completions.create(model="gem-badkey", messages=[{"role": "user", "content": "hi"}])
    except openai.APIStatusError as error:
        expect(error.status_code == 502, f"status: {error.status_code}")
        expect(error.body.get("code") == "upstream_auth_error", f"body: {error.body}")
        return
    raise AssertionError("a deployment whose key Gemini refuses answered")


def unsupported_param():
    try:
        openai_client.chat.completions.create(model="gem", messages=[{"role": "user", "content": "hi"}], logprobs=True)
    except openai.BadRequestError as error:
        expect(error.body.get("param") == "logprobs", f"body: {error.body}")
        return
    raise AssertionError("logprobs, which Gemini cannot express here, was not refused")


def messages(stream):
    def check():
        arguments = dict(model="gem", max_tokens=64, messages=[{"role": "user", "content": "hi"}])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                text = "".join(events.text_stream)
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
            text = message.content[0].text
        expect(text == "gemini says: hi", f"text: {text!r}")
        expect(message.stop_reason == "end_turn", f"stop_reason: {message.stop_reason}")
        expect(message.usage.input_tokens > 0 and message.usage.output_tokens == 5, f"usage: {message.usage}")

    return check


def messages_tools(stream):
    def check():
        arguments = dict(model="gem", max_tokens=64, messages=QUESTION, tools=[ANTHROPIC_TOOL])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
        uses = [block for block in message.content if block.type == "tool_use"]
        expect(len(uses) == 1 and uses[0].name == "get_weather" and uses[0].input == {"city": "Paris"}, f"content: {message.content}")
        expect(message.stop_reason == "tool_use", f"stop_reason: {message.stop_reason}")
        follow_up = anthropic_client.messages.create(
            model="gem",
            max_tokens=64,
            tools=[ANTHROPIC_TOOL],
            messages=QUESTION
            + [
                {"role": "assistant", "content": [block.model_dump() for block in message.content]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": uses[0].id, "content": "18C"}]},
            ],
        )
        expect(follow_up.content[0].text == "weather: 18C", f"follow-up: {follow_up.content}")

    return check


CHECKS = [
    ("openai chat gemini", chat),
    ("openai chat thinking gemini", chat_thinking),
    ("openai chat stream gemini", chat_stream),
    ("openai tools round trip gemini 3", chat_tools_round_trip(stream=False)),
    ("openai tools round trip streamed gemini 3", chat_tools_round_trip(stream=True)),
    ("openai embeddings gemini", embeddings),
    ("openai safety block gemini", safety_block),
    ("openai bad key gemini", bad_key),
    ("openai unsupported param gemini", unsupported_param),
    ("anthropic messages.create gemini", messages(stream=False)),
    ("anthropic messages.stream gemini", messages(stream=True)),
    ("anthropic tool_use round trip gemini", messages_tools(stream=False)),
    ("anthropic tool_use stream round trip gemini", messages_tools(stream=True)),
]

if __name__ == "__main__":
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}, gateway {GATEWAY_URL}", flush=True)
    sys.exit(run_checks(CHECKS))
