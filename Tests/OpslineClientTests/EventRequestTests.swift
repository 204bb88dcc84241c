import Testing

@testable import OpslineClient

@Suite struct EventRequestTests {
    @Test func aBatchIsPostedToTheEventsEndpoint() {
        let request = ClientRequest.postEvents(atomic: false)
        #expect(request.method == .post)
        #expect(request.url(on: "http://h") == "http://h/v1/events")
        #expect(request.lines.isEmpty, "the body is streamed, not held as lines")
    }

    @Test func anAtomicBatchAsksForAtomicTrue() {
        #expect(ClientRequest.postEvents(atomic: true).url(on: "http://h") == "http://h/v1/events?atomic=true")
    }

    @Test func followingCarriesSinceTheSetFiltersAndFollowInTheAPIsOrder() {
        let request = ClientRequest.events(
            since: 41,
            filter: EventStreamFilter(
                task: "CMP-42", team: "support", workflow: "complaint-escalation", type: "created"),
            follow: true)
        #expect(request.method == .get)
        #expect(
            request.url(on: "http://h")
                == "http://h/v1/events?since=41&task=CMP-42&team=support&workflow=complaint-escalation&type=created&follow=true"
        )
    }

    @Test func withoutSinceOrFiltersOnlyFollowIsSent() {
        #expect(ClientRequest.events(since: nil, follow: true).url(on: "http://h") == "http://h/v1/events?follow=true")
        #expect(ClientRequest.events(since: nil, follow: false).url(on: "http://h") == "http://h/v1/events")
    }

    @Test func sinceZeroIsSentAndNotTakenForUnset() {
        #expect(ClientRequest.events(since: 0, follow: false).url(on: "http://h") == "http://h/v1/events?since=0")
    }

    @Test func filterValuesArePercentEncoded() {
        let filter = EventStreamFilter(team: "ops & support")
        #expect(filter.queryItems.map(\.name) == ["team"])
        #expect(
            ClientRequest.events(since: nil, filter: filter, follow: false).url(on: "http://h")
                == "http://h/v1/events?team=ops%20%26%20support")
    }
}

@Suite struct ReconnectPolicyTests {
    let policy = ReconnectPolicy(initialDelay: .milliseconds(500), maximumDelay: .seconds(30), jitter: 0.2)

    @Test func theDelayDoublesWithEachFailureUpToTheCap() {
        let delays = (1...9).map { policy.delay(afterFailures: $0, random: 0) }
        #expect(
            delays == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30),
                .seconds(30), .seconds(30),
            ])
    }

    @Test func jitterSpreadsADelayButNeverPastTheCap() {
        #expect(policy.delay(afterFailures: 3, random: 1) == .milliseconds(2400))
        #expect(policy.delay(afterFailures: 3, random: -1) == .milliseconds(1600))
        #expect(policy.delay(afterFailures: 20, random: 1) == .seconds(30))
        for _ in 0..<100 {
            let delay = policy.delay(afterFailures: 2)
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
        }
    }

    @Test func aHugeFailureCountDoesNotOverflow() {
        #expect(policy.delay(afterFailures: Int.max, random: 0) == .seconds(30))
    }

    @Test(arguments: [
        (ClientError.connection("refused"), true),
        (.badResponse("cut line"), true),
        (.server(status: 503, code: "unavailable", message: "db down", details: [:]), true),
        (.server(status: 200, code: "internal", message: "mid-stream failure", details: [:]), true),
        (.server(status: 429, code: "http_429", message: "slow down", details: [:]), true),
        (.server(status: 401, code: "unauthenticated", message: "who?", details: [:]), false),
        (.server(status: 403, code: "forbidden", message: "no", details: [:]), false),
        (.server(status: 400, code: "bad_request", message: "since", details: [:]), false),
    ])
    func onlyRefusalsOfTheRequestItselfAreNotRetried(error: ClientError, retried: Bool) {
        #expect(EventWatcher.isRetriable(error) == retried)
    }
}
