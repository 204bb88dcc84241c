import Foundation
import Logging
import OpslineStore
import ServiceLifecycle
import Workflow

/// Sends the notifications the outbox holds as they fall due. Every replica runs one.
///
/// It claims due deliveries (`FOR UPDATE SKIP LOCKED`, leased for longer than a send may take),
/// renders each first attempt's body and keeps it, and sends each delivery in a task of its own,
/// at most `slots.limit` at a time to one destination: a slow or dead receiver ties up its own
/// slots, never the others' or the SLA scheduler (which claims from `due_work` on its own
/// connections). Each outcome goes through ``DeliveryRetryPolicy``. It sleeps until the next
/// delivery is due, a commit queues one (``NotifyChannel/deliveries``), or a send ends and frees
/// a slot.
struct NotificationDeliverer: Service {
    let queue: DeliveryQueue
    let renderer: NotificationRenderer
    let transport: NotificationTransport
    /// Sends `email` deliveries; `nil` when the server has no relay (they fail and are tried again).
    let mailer: Mailer?
    let destinations: DestinationPolicy
    let signal: EventSignal
    let logger: Logger
    /// Sends in progress, by destination, and how many one destination may have at once.
    let slots: DestinationSlots
    /// Deliveries per claim.
    var batchSize = 50
    /// The longest sleep without looking: a lost notification is found this late at most.
    var idleCheck: Duration = .seconds(30)

    func run() async throws {
        await withDiscardingTaskGroup { group in
            // When to look for daily digests next: when one falls due, and at least every
            // `idleCheck` (a subscription made since, on any replica).
            var digestLook = Duration.zero
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let generation = signal.generation
                let lookedAt = queue.clock.elapsed
                if lookedAt >= digestLook { digestLook = await queueDigests(lookedAt: lookedAt) }
                guard let claim = await claimDue() else {
                    // The claim failed (the database away): look again in a while.
                    await cancelWhenGracefulShutdown { await signal.wait(after: generation, timeout: .seconds(1)) }
                    continue
                }
                let claimed = claim.deliveries
                for (delivery, body) in await withBodies(claimed) {
                    group.addTask { await send(delivery, body: body) }
                }
                if claimed.count == batchSize { continue }
                guard let pause = nextLook(after: lookedAt, claim: claim) else { continue }
                let until = min(pause, digestLook)
                await cancelWhenGracefulShutdown {
                    await signal.wait(after: generation, until: until, on: queue.clock)
                }
            }
        }
    }

    /// Queues the daily digests due now (each once, whichever replica comes first); returns when
    /// to look again.
    private func queueDigests(lookedAt: Duration) async -> Duration {
        do {
            let (queued, next) = try await queue.queueDueDigests()
            if queued > 0 { logger.info("queued daily digests", metadata: ["count": "\(queued)"]) }
            guard let next else { return lookedAt + idleCheck }
            let seconds = max(next.timeIntervalSince(queue.clock.now), 0)
            // Rounded down: waking a microsecond early looks again at once; waking late would
            // sleep past the moment on a test's clock, which only moves when told.
            return lookedAt + min(.microseconds(max(Int64((seconds * 1_000_000).rounded(.down)), 1)), idleCheck)
        } catch {
            logger.warning("could not queue daily digests; retrying", metadata: ["error": "\(error)"])
            return lookedAt + .seconds(5)
        }
    }

    /// Claims what this replica has room for; nil when the claim fails.
    private func claimDue() async -> DeliveryQueue.Claim? {
        // Longer than a send may take (its time-out) and recording it, with room to spare; a
        // replica that dies mid-send leaves the row to another once this has passed.
        let lease = Double(transport.timeout.components.seconds) * 2 + 5
        do {
            let claimed = try await queue.claim(
                .init(count: batchSize, perDestination: slots.limit, room: slots.room, leaseSeconds: lease))
            for delivery in claimed.deliveries { slots.take(delivery.destination) }
            return claimed
        } catch {
            logger.warning("could not claim notifications; retrying", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The claimed deliveries with the bodies they send: first attempts' rendered together and
    /// kept in one statement, before any is sent. When that fails, none is sent: their leases run
    /// out and they are claimed again.
    private func withBodies(_ claimed: [ClaimedDelivery]) async -> [(ClaimedDelivery, String)] {
        let first = claimed.filter { $0.body == nil }
        var bodies: [String: String] = [:]
        do {
            bodies = try await renderer.bodies(for: first)
            try await queue.keepBodies(bodies)
        } catch {
            logger.warning("could not render notifications; retrying", metadata: ["error": "\(error)"])
            for delivery in first { slots.release(delivery.destination) }
            return claimed.compactMap { delivery in delivery.body.map { (delivery, $0) } }
        }
        return claimed.compactMap { delivery in (delivery.body ?? bodies[delivery.id]).map { (delivery, $0) } }
    }

    /// When to look again: the next delivery's due time, at most `idleCheck` away; `nil` to look
    /// again at once. Deliveries due but left unclaimed wait for a slot: the send that frees it
    /// fires the signal.
    private func nextLook(after lookedAt: Duration, claim: DeliveryQueue.Claim) -> Duration? {
        guard let seconds = claim.secondsUntilNextDue else { return lookedAt + idleCheck }
        guard seconds > 0 else { return claim.deliveries.isEmpty ? lookedAt + idleCheck : nil }
        let wait = Duration.microseconds(Int64((seconds * 1_000_000).rounded(.up)))
        return lookedAt + min(wait, idleCheck)
    }

    /// One attempt of `delivery`, its outcome recorded; then the slot is free and the loop looks
    /// again.
    private func send(_ delivery: ClaimedDelivery, body: String) async {
        defer {
            slots.release(delivery.destination)
            signal.fire()
        }
        do {
            let answer = await attempt(delivery, body: body)
            let state = try await queue.record(answer, of: delivery)
            if state == .dead {
                logger.warning(
                    "gave up a notification",
                    metadata: ["delivery": "\(delivery.id)", "subscription": "\(delivery.subscriptionName)"])
            }
        } catch {
            // The lease runs out and the delivery is tried again.
            logger.warning(
                "could not send or record a notification",
                metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
    }

    /// Checks the destination and sends `body`; e-mail goes to the relay.
    private func attempt(_ delivery: ClaimedDelivery, body: String) async -> DeliveryRetryPolicy.Answer {
        if delivery.channel == .email {
            guard let mailer else { return .unreachable(SubscriptionTester.noMail) }
            return await mailer.send(delivery, body: body)
        }
        guard let url = delivery.url else { return .refused("the subscription has no URL") }
        do {
            try await destinations.check(url)
        } catch {
            return .refused("the destination is not allowed: \(error)")
        }
        let message = OutgoingMessage.attempt(of: delivery, body: body, at: queue.clock.now)
        return await transport.post(url: message.url, headers: message.headers, body: message.body).0
    }
}
