"""What the SDK scripts share: the gateway's address and key, openai and anthropic clients for it, a tool in both
formats, and check builders for the usual calls (plain or streamed chat, tool calls, Anthropic messages), each taking
the gateway model name and what the stand-in behind it answers.

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY  a key the gateway accepts
"""

import json
import os

import anthropic
import openai

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


def chat(model, expected, stream=False, prompt="hello"):
    """OpenAI chat: the text (stripped) is `expected`, it stops, and usage is reported (streamed: with include_usage)."""

    def check():
        arguments = dict(model=model, messages=[{"role": "user", "content": prompt}])
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


def chat_tools(model, stream=False):
    """OpenAI chat with get_weather: the model calls it with {"city": "Paris"}."""

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


def messages(model, expected, stream=False, prompt="hi"):
    """Anthropic's /v1/messages: the text (stripped) is `expected`, it ends its turn, and usage is reported."""

    def check():
        arguments = dict(model=model, max_tokens=64, messages=[{"role": "user", "content": prompt}])
        if stream:
            with anthropic_client.messages.stream(**arguments) as events:
                text = "".join(events.text_stream)
                message = events.get_final_message()
        else:
            message = anthropic_client.messages.create(**arguments)
            text = message.content[0].text
        expect(text.strip() == expected, f"text: {text!r}")
        expect(message.id.startswith("msg_") and message.stop_reason == "end_turn", f"message: {message}")
        expect(message.usage.input_tokens > 0 and message.usage.output_tokens > 0, f"usage: {message.usage}")

    return check


def messages_tools(model, stream=False):
    """Anthropic's /v1/messages with get_weather: one tool_use with {"city": "Paris"}."""

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
