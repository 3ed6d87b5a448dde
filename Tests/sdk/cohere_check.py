"""Drives a running Tollgate's rerank routes with Cohere's own SDK (PyPI `cohere`): ClientV2.rerank posts to
/v2/rerank, Client.rerank (v1) to /v1/rerank.

Environment:
    GATEWAY_URL  the gateway's base address, e.g. http://127.0.0.1:4000 (the clients' base_url)
    GATEWAY_KEY  a key the gateway accepts (sent as Authorization: Bearer, as the cohere SDK does)

The gateway must serve these models (as Tests/ServerTests/Cohere/CohereSDKTests.swift configures them): rerank
(cohere/rerank-v3.5 on GatewayTesting's CohereUpstream) and rerank-jina (jina_ai/ on its JinaUpstream).

Prints one line per check; exits 1 on the first failure, with the exception.
"""

import os
import sys

import cohere
from cohere.core.api_error import ApiError

from check_runner import run_checks

GATEWAY_URL = os.environ["GATEWAY_URL"].rstrip("/")
GATEWAY_KEY = os.environ["GATEWAY_KEY"]

DOCUMENTS = ["Berlin is in Germany", "Paris is the capital of France", "Madrid is sunny"]


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def v2(key=GATEWAY_KEY):
    return cohere.ClientV2(api_key=key, base_url=GATEWAY_URL, max_retries=0, timeout=30)


def v1():
    return cohere.Client(api_key=GATEWAY_KEY, base_url=GATEWAY_URL, max_retries=0, timeout=30)


def rerank_v2():
    answer = v2().rerank(model="rerank", query="capital of France", documents=DOCUMENTS, top_n=2)
    expect([r.index for r in answer.results] == [1, 0] or answer.results[0].index == 1, f"results: {answer.results}")
    expect(len(answer.results) == 2, f"top_n: {answer.results}")
    expect(0 <= answer.results[0].relevance_score <= 1, f"score: {answer.results[0]}")
    expect(answer.results[0].relevance_score > answer.results[1].relevance_score, f"order: {answer.results}")
    expect(answer.meta.billed_units.search_units == 1, f"meta: {answer.meta}")


def rerank_v1_with_documents():
    answer = v1().rerank(
        model="rerank",
        query="capital of France",
        documents=[{"title": "de", "text": "Berlin is in Germany"}, {"title": "fr", "text": "Paris is the capital of France"}],
        rank_fields=["text"],
        return_documents=True,
        top_n=1,
    )
    expect(len(answer.results) == 1 and answer.results[0].index == 1, f"results: {answer.results}")
    document = answer.results[0].document
    expect(document is not None and document.text == "Paris is the capital of France", f"document: {document}")


def rerank_v2_to_jina():
    answer = v2().rerank(model="rerank-jina", query="sunny", documents=DOCUMENTS, top_n=1)
    expect(answer.results[0].index == 2, f"results: {answer.results}")


def wrong_key_is_401():
    try:
        v2(key="sk-not-a-key").rerank(model="rerank", query="q", documents=["a"])
    except ApiError as error:
        expect(error.status_code == 401, f"status: {error.status_code}")
        return
    raise AssertionError("a wrong key was accepted")


def unknown_model_is_404():
    try:
        v2().rerank(model="no-such-reranker", query="q", documents=["a"])
    except ApiError as error:
        expect(error.status_code == 404, f"status: {error.status_code}")
        return
    raise AssertionError("an unknown model was accepted")


if __name__ == "__main__":
    sys.exit(
        run_checks(
            [
                ("ClientV2.rerank (/v2/rerank)", rerank_v2),
                ("Client.rerank (/v1/rerank) with object documents, rank_fields, return_documents", rerank_v1_with_documents),
                ("ClientV2.rerank to a Jina deployment", rerank_v2_to_jina),
                ("a wrong key is 401", wrong_key_is_401),
                ("an unknown model is 404", unknown_model_is_404),
            ]
        )
    )
