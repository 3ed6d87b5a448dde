"""Runs an OpenAI Agents SDK (PyPI openai-agents) agent with one function tool through a running Tollgate.

Environment:
    GATEWAY_URL     the gateway's base address, e.g. http://127.0.0.1:4000 (no trailing /v1)
    GATEWAY_KEY     a key the gateway accepts
    AGENT_MODELS    comma-separated model names to run the agent against, one per upstream kind

Each model's upstream calls get_weather on the first turn and, once the tool's output comes back, answers
"the tool said: <output>" (GatewayTesting's TestUpstream, model tool-then-answer), as
Tests/ServerTests/Responses/AgentsSDKTests.swift configures it. The agent runs through OpenAIResponsesModel
(/v1/responses), plain (Runner.run_sync) and streamed (Runner.run_streamed), with tracing disabled (it would
otherwise send traces to OpenAI).

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import asyncio
import os
import sys

from check_runner import run_checks
from openai import AsyncOpenAI

from agents import (
    Agent,
    ModelSettings,
    OpenAIResponsesModel,
    Runner,
    function_tool,
    set_default_openai_api,
    set_default_openai_client,
    set_tracing_disabled,
)

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]
MODELS = [name for name in os.environ.get("AGENT_MODELS", "").split(",") if name]

CALLS = []


@function_tool
def get_weather(city: str) -> str:
    """The weather in a city.

    Args:
        city: the city's name.
    """
    CALLS.append(city)
    return f"sunny in {city}, 21C"


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def client():
    return AsyncOpenAI(base_url=GATEWAY_URL + "/v1", api_key=GATEWAY_KEY, max_retries=0, timeout=30)


def agent(model):
    return Agent(
        name="weather",
        instructions="Answer weather questions with the get_weather tool.",
        tools=[get_weather],
        model=OpenAIResponsesModel(model=model, openai_client=client()),
    )


def plain(model):
    CALLS.clear()
    result = Runner.run_sync(agent(model), "What is the weather in Paris?", max_turns=4)
    expect(CALLS == ["Paris"], f"tool calls: {CALLS!r}")
    expect(result.final_output == "the tool said: sunny in Paris, 21C", f"final output: {result.final_output!r}")
    kinds = [item.type for item in result.new_items]
    expect(kinds == ["tool_call_item", "tool_call_output_item", "message_output_item"], f"items: {kinds!r}")
    expect(len(result.raw_responses) == 2, f"model calls: {len(result.raw_responses)}")
    usage = result.context_wrapper.usage
    expect(usage.requests == 2 and usage.input_tokens > 0 and usage.output_tokens > 0, f"usage: {usage!r}")


def streamed(model):
    CALLS.clear()

    async def run():
        result = Runner.run_streamed(agent(model), "What is the weather in Paris?", max_turns=4)
        deltas = []
        async for event in result.stream_events():
            if event.type == "raw_response_event" and event.data.type == "response.output_text.delta":
                deltas.append(event.data.delta)
        return result, "".join(deltas)

    result, text = asyncio.run(run())
    expect(CALLS == ["Paris"], f"tool calls: {CALLS!r}")
    # A streamed answer may end in the upstream's trailing space.
    expect(result.final_output.strip() == "the tool said: sunny in Paris, 21C", f"final output: {result.final_output!r}")
    expect(text == result.final_output, f"streamed text {text!r}")


def default_client(model):
    """The agent names its model by string, through the default client the SDK is given."""
    CALLS.clear()
    set_default_openai_client(client(), use_for_tracing=False)
    set_default_openai_api("responses")
    plain_agent = Agent(
        name="weather",
        instructions="Answer weather questions with the get_weather tool.",
        tools=[get_weather],
        model=model,
        # What a zero-data-retention agent sends: nothing stored, reasoning handed back encrypted.
        model_settings=ModelSettings(store=False, response_include=["reasoning.encrypted_content"]),
    )
    result = Runner.run_sync(plain_agent, "What is the weather in Paris?", max_turns=4)
    expect(result.final_output == "the tool said: sunny in Paris, 21C", f"final output: {result.final_output!r}")


CHECKS = [plain, streamed, default_client]


def main():
    set_tracing_disabled(True)
    expect(MODELS, "AGENT_MODELS is empty")
    cases = [(f"{check.__name__} via {model}", lambda check=check, model=model: check(model)) for model in MODELS for check in CHECKS]
    return run_checks(cases)


if __name__ == "__main__":
    sys.exit(main())
