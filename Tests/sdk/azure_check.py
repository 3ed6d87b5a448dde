"""Drives a running Tollgate's Azure routes with the official OpenAI SDK's AzureOpenAI client.

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (the client's azure_endpoint)
    GATEWAY_KEY  a key the gateway accepts (sent as the api-key header, as AzureOpenAI does)

The gateway must serve these models (as Tests/ServerTests/Azure/AzureSDKTests.swift configures them):
gpt-4o (azure/gpt4o on GatewayTesting's AzureUpstream), embed (azure/emb there), gpt-tools (an OpenAI-format
upstream that calls get_weather with {"city": "Paris"}).

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import json
import os
import sys
import traceback

import openai

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]
API_VERSION = "2024-10-21"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def client(**extra):
    return openai.AzureOpenAI(azure_endpoint=GATEWAY_URL, api_key=GATEWAY_KEY, api_version=API_VERSION, max_retries=0, **extra)


def chat_plain():
    answer = client().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hello azure"}])
    expect(answer.choices[0].message.content == "azure says: hello azure", f"content: {answer.choices[0].message.content!r}")
    expect(answer.choices[0].finish_reason == "stop", f"finish_reason: {answer.choices[0].finish_reason}")
    expect(answer.usage.total_tokens == 13, f"usage: {answer.usage}")


def chat_deployment_client():
    # The deployment bound to the client: the SDK puts it in the path whatever model the call names.
    answer = client(azure_deployment="gpt-4o").chat.completions.create(
        model="ignored-by-azure", messages=[{"role": "user", "content": "bound"}]
    )
    expect(answer.choices[0].message.content == "azure says: bound", f"content: {answer.choices[0].message.content!r}")


def chat_stream():
    stream = client().chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "stream me"}], stream=True, stream_options={"include_usage": True}
    )
    text, finish, usage = "", None, None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    expect(text.strip() == "azure says: stream me", f"streamed text: {text!r}")
    expect(finish == "stop", f"finish_reason: {finish}")
    expect(usage is not None and usage.total_tokens == 13, f"usage: {usage}")


def chat_tools():
    answer = client().chat.completions.create(
        model="gpt-tools", messages=[{"role": "user", "content": "weather in Paris?"}], tools=[WEATHER_TOOL]
    )
    call = answer.choices[0].message.tool_calls[0]
    expect(call.function.name == "get_weather", f"tool: {call.function.name}")
    expect(json.loads(call.function.arguments) == {"city": "Paris"}, f"arguments: {call.function.arguments}")


def embeddings():
    answer = client().embeddings.create(model="embed", input="hi")
    expect(answer.data[0].embedding == [0.25, -0.5], f"embedding: {answer.data[0].embedding}")


def responses_plain():
    # AzureOpenAI sends it to /openai/responses?api-version=...; the gateway translates it for the Azure deployment.
    response = client().responses.create(model="gpt-4o", input="hello azure responses")
    expect(response.output_text == "azure says: hello azure responses", f"output_text: {response.output_text!r}")
    expect(response.status == "completed" and response.usage.total_tokens > 0, f"response: {response}")


def responses_stream():
    text, completed = "", None
    for event in client().responses.create(model="gpt-4o", input="stream azure responses", stream=True):
        if event.type == "response.output_text.delta":
            text += event.delta
        if event.type == "response.completed":
            completed = event.response
    expect(text.strip() == "azure says: stream azure responses", f"streamed text: {text!r}")
    expect(completed is not None and completed.status == "completed", f"completed: {completed}")


def bad_key():
    bad = openai.AzureOpenAI(azure_endpoint=GATEWAY_URL, api_key="sk-wrong", api_version=API_VERSION, max_retries=0)
    try:
        bad.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    except openai.AuthenticationError:
        return
    raise AssertionError("a wrong key was accepted")


CHECKS = [chat_plain, chat_deployment_client, chat_stream, chat_tools, embeddings, responses_plain, responses_stream, bad_key]

if __name__ == "__main__":
    for check in CHECKS:
        try:
            check()
            print(f"ok   {check.__name__}")
        except Exception:
            print(f"FAIL {check.__name__}")
            traceback.print_exc()
            sys.exit(1)
