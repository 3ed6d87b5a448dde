"""Drives a running Tollgate's Gemini routes with Google's official `google-genai` SDK (PyPI google-genai).

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (the SDK adds /v1beta/models/...)
    GATEWAY_KEY  a key the gateway accepts (sent by the SDK as x-goog-api-key)
    GENAI_MODELS comma-separated "<kind>=<echo model>:<tool model>" pairs to run every check against, e.g.
                 "openai=gpt-test:gpt-round,gemini=gem-native:gem-native"; the echo model's answer quotes the last
                 user text, the tool model calls get_weather({"city": "Paris"}) while get_weather is declared and its
                 result has not come, then answers quoting the result.

As Tests/ServerTests/Dialects/GeminiSDKTests.swift configures them against GatewayTesting's upstreams. Prints one
line per check; exits 1 on the first failure, with the exception.
"""

import os
import sys

import pydantic
from check_runner import run_checks
from google import genai
from google.genai import errors, types

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]
MODELS = dict(pair.split("=", 1) for pair in os.environ.get("GENAI_MODELS", "openai=gpt-test:gpt-round").split(","))

WEATHER = types.Tool(
    function_declarations=[
        types.FunctionDeclaration(
            name="get_weather",
            description="The weather in a city.",
            parameters=types.Schema(
                type=types.Type.OBJECT, properties={"city": types.Schema(type=types.Type.STRING)}, required=["city"]
            ),
        )
    ]
)
NO_AUTOMATIC_CALLS = types.AutomaticFunctionCallingConfig(disable=True)
# Upstream kinds whose chat translation refuses a JSON response schema (Anthropic's has no response_format).
REFUSES_SCHEMAS = {"anthropic"}


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_equal(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def client(key=GATEWAY_KEY):
    options = types.HttpOptions(base_url=GATEWAY_URL, timeout=30_000, retry_options=types.HttpRetryOptions(attempts=1))
    return genai.Client(api_key=key, http_options=options)


# One client for the checks: a Client closes its HTTP client when it is garbage collected, which a temporary
# `CLIENT.models...` would be before its request (or a stream's first chunk) is sent.
CLIENT = client()


def plain(echo, _tools):
    response = CLIENT.models.generate_content(
        model=echo,
        contents="hello from genai",
        config=types.GenerateContentConfig(system_instruction="be brief", max_output_tokens=50, temperature=0.5),
    )
    expect("hello from genai" in (response.text or ""), f"text: {response.text!r}")
    expect_equal(response.candidates[0].finish_reason, types.FinishReason.STOP, "finish_reason")
    usage = response.usage_metadata
    expect(usage is not None and usage.total_token_count > 0, f"usage: {usage!r}")
    expect(usage.prompt_token_count > 0 and usage.candidates_token_count > 0, f"usage: {usage!r}")


def streamed(echo, _tools):
    chunks = list(CLIENT.models.generate_content_stream(model=echo, contents="stream me please"))
    expect(len(chunks) > 1, f"{len(chunks)} chunks")
    text = "".join(chunk.text or "" for chunk in chunks)
    expect("stream me please" in text, f"text: {text!r}")
    last = chunks[-1]
    expect(last.usage_metadata is not None and last.usage_metadata.total_token_count > 0, f"usage: {last.usage_metadata!r}")
    expect_equal(last.candidates[0].finish_reason, types.FinishReason.STOP, "last finish_reason")


def function_call_round_trip(_echo, tools):
    config = types.GenerateContentConfig(tools=[WEATHER], automatic_function_calling=NO_AUTOMATIC_CALLS)
    question = types.Content(role="user", parts=[types.Part.from_text(text="weather in Paris?")])
    first = CLIENT.models.generate_content(model=tools, contents=[question], config=config)
    calls = first.function_calls or []
    expect_equal(len(calls), 1, "function calls")
    expect_equal(calls[0].name, "get_weather", "call name")
    expect_equal(dict(calls[0].args), {"city": "Paris"}, "call args")
    result = types.Part.from_function_response(name="get_weather", response={"result": "22C and sunny"})
    history = [question, first.candidates[0].content, types.Content(role="user", parts=[result])]
    second = CLIENT.models.generate_content(model=tools, contents=history, config=config)
    expect(not second.function_calls, f"a second call: {second.function_calls!r}")
    expect("22C and sunny" in (second.text or ""), f"text: {second.text!r}")


def streamed_function_call(_echo, tools):
    config = types.GenerateContentConfig(tools=[WEATHER], automatic_function_calling=NO_AUTOMATIC_CALLS)
    chunks = list(CLIENT.models.generate_content_stream(model=tools, contents="weather in Paris?", config=config))
    calls = [call for chunk in chunks for call in (chunk.function_calls or [])]
    expect_equal([(call.name, dict(call.args)) for call in calls], [("get_weather", {"city": "Paris"})], "streamed calls")


class City(pydantic.BaseModel):
    name: str
    population: int | None = None


def structured_output(echo, _tools, kind):
    config = types.GenerateContentConfig(response_mime_type="application/json", response_schema=City)
    if kind in REFUSES_SCHEMAS:
        try:
            CLIENT.models.generate_content(model=echo, contents="a city please", config=config)
            raise AssertionError("a response schema the upstream cannot take was not refused")
        except errors.ClientError as error:
            expect_equal(error.code, 400, "refusal code")
            expect_equal(error.details["error"]["details"][0]["metadata"]["param"], "response_format", "refused param")
        return
    response = CLIENT.models.generate_content(model=echo, contents="a city please", config=config)
    # The echo's answer is not JSON: what counts is that the schema was taken (the Swift test reads what the
    # upstream got).
    expect("a city please" in (response.text or ""), f"text: {response.text!r}")


def count_tokens(echo, _tools):
    counted = CLIENT.models.count_tokens(model=echo, contents="how many tokens is this?")
    expect(counted.total_tokens is not None and counted.total_tokens > 0, f"count: {counted!r}")


def errors_are_raised(echo, _tools):
    try:
        bad = client(key="not-a-key")
        bad.models.generate_content(model=echo, contents="hi")
        raise AssertionError("a bad key was accepted")
    except errors.ClientError as error:
        expect_equal(error.code, 401, "bad key code")
        expect_equal(error.status, "UNAUTHENTICATED", "bad key status")
    try:
        CLIENT.models.generate_content(model="no-such-model", contents="hi")
        raise AssertionError("an unknown model answered")
    except errors.ClientError as error:
        expect_equal(error.code, 404, "unknown model code")
        expect("no-such-model" in (error.message or ""), f"message: {error.message!r}")


CHECKS = [plain, streamed, function_call_round_trip, streamed_function_call, structured_output, count_tokens, errors_are_raised]


def main():
    cases = []
    for kind, models in MODELS.items():
        echo, tools = models.split(":", 1)
        for check in CHECKS:
            run = (lambda check=check, echo=echo, tools=tools, kind=kind: check(echo, tools, kind)) if check is structured_output else (
                lambda check=check, echo=echo, tools=tools: check(echo, tools)
            )
            cases.append((f"{kind} {check.__name__}", run))
    return run_checks(cases)


if __name__ == "__main__":
    sys.exit(main())
