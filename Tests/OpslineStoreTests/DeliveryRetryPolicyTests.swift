import Foundation
import Testing

@testable import OpslineStore

/// When a delivery is tried again, as a pure function of the answer, the attempt and the time.
@Suite struct DeliveryRetryPolicyTests {
    let policy = DeliveryRetryPolicy()
    let queued = Date(timeIntervalSince1970: 1_800_000_000)

    func decide(
        _ answer: DeliveryRetryPolicy.Answer, attempt: Int, after seconds: TimeInterval = 0, jitter: Double = 1
    )
        -> DeliveryRetryPolicy.Decision
    {
        policy.decide(
            answer, attempt: attempt, queuedAt: queued, now: queued.addingTimeInterval(seconds), jitter: jitter)
    }

    @Test func aSuccessDeliversAndARefusalIsFinal() {
        #expect(decide(.status(204, retryAfter: nil), attempt: 1) == .delivered)
        for status in [400, 401, 403, 404, 410, 422] {
            #expect(decide(.status(status, retryAfter: nil), attempt: 1) == .dead, "\(status)")
        }
        #expect(decide(.refused("not allowed"), attempt: 1) == .dead)
    }

    @Test func failuresThatMayPassAreTriedAgainSoonThenLessOften() {
        for answer: DeliveryRetryPolicy.Answer in [
            .status(500, retryAfter: nil), .status(502, retryAfter: nil), .status(408, retryAfter: nil),
            .unreachable("time-out"),
        ] {
            // The first retry within 10 s, half that at the least.
            #expect(decide(answer, attempt: 1, jitter: 1) == .retry(at: queued.addingTimeInterval(10)))
            #expect(decide(answer, attempt: 1, jitter: 0) == .retry(at: queued.addingTimeInterval(5)))
        }
        #expect(decide(.status(500, retryAfter: nil), attempt: 4) == .retry(at: queued.addingTimeInterval(80)))
        // Never more than an hour apart.
        #expect(decide(.status(500, retryAfter: nil), attempt: 30) == .retry(at: queued.addingTimeInterval(3600)))
    }

    @Test func aRelaysTwoHundredsDeliverItsFourHundredsAreTriedAgainAndItsFiveHundredsAreFinal() {
        #expect(decide(.reply(250, "250 2.0.0 Ok: queued"), attempt: 1) == .delivered)
        #expect(
            decide(.reply(451, "451 4.3.0 Try again later"), attempt: 1) == .retry(at: queued.addingTimeInterval(10)))
        #expect(decide(.reply(421, "421 4.7.0 Too busy"), attempt: 3) == .retry(at: queued.addingTimeInterval(40)))
        for code in [550, 552, 553, 554, 535] {
            #expect(decide(.reply(code, "\(code) no"), attempt: 1) == .dead, "\(code)")
        }
    }

    @Test func tooManyRequestsWaitsAsLongAsItIsAsked() {
        #expect(decide(.status(429, retryAfter: 120), attempt: 1) == .retry(at: queued.addingTimeInterval(120)))
        #expect(decide(.status(503, retryAfter: 2), attempt: 1) == .retry(at: queued.addingTimeInterval(10)))
        // Not beyond the hour between attempts.
        #expect(decide(.status(429, retryAfter: 86_400), attempt: 1) == .retry(at: queued.addingTimeInterval(3600)))
    }

    @Test func aDeliveryStillFailingADayLaterIsGivenUp() {
        #expect(decide(.status(500, retryAfter: nil), attempt: 20, after: 23.5 * 3600) == .dead)
        #expect(decide(.status(500, retryAfter: nil), attempt: 20, after: 22 * 3600) != .dead)
    }

    @Test func retriesFallOnWholeMillisecondsAsTheLogShowsThem() throws {
        guard case .retry(let at) = decide(.unreachable("x"), attempt: 1, after: 0.000_4, jitter: 0.123_456) else {
            Issue.record("not a retry")
            return
        }
        let milliseconds = at.timeIntervalSince1970 * 1000
        #expect(abs(milliseconds - milliseconds.rounded()) < 0.001)
    }
}
