import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@testable import OpslineServer

/// A personal token's followed event stream and the replicas' caches follow its user: disabling
/// the user ends the stream with a `401` line as a revocation does, a membership taken away
/// narrows it at once, and another replica that had the token cached refuses it as soon as it
/// hears of the change.
@Suite struct PeopleStreamTests {
    @Test func aDisabledUsersFollowedStreamEndsWithAnErrorLine() async throws {
        let server = try await TestServer.make()
        try await server.addUser("alice", ["support": .member])
        let secret = try await server.mintPersonal("alice")
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(EventStreamTests.follow("/v1/events?follow=true&since=now", secret: secret))
                #expect(await client.read { EventStreamTests.text($0).contains(#""heartbeat""#) }, "the stream opened")
                _ = try await EventStreamTests.createComplaint(in: server, title: "before")
                #expect(await client.read { EventStreamTests.text($0).contains(#""created""#) }, "the stream delivers")

                _ = try await server.database.people.setDisabled("alice", true)
                let ended = await client.read { EventStreamTests.text($0).contains(#""unauthenticated""#) }
                #expect(ended, "no error line after disabling: \(EventStreamTests.text(client.received))")
                #expect(await client.read { EventStreamTests.endsResponse($0) }, "the response did not end")
                #expect(EventStreamTests.text(client.received).contains("alice, who was disabled"))
            }
        }
    }

    @Test func aFollowedStreamLosesATeamAsSoonAsItsUserLeavesIt() async throws {
        let server = try await TestServer.make()
        try await server.addUser("alice", ["support": .member, "billing": .member])
        let secret = try await server.mintPersonal("alice")
        let revocations = EventSignal(conninfo: server.pool.conninfo, channel: .tokens)
        @Sendable func billingTask(_ title: String) async throws -> TaskRecord {
            var task = NewTask(workflow: "complaint-escalation", title: title)
            task.team = "billing"
            task.fields = ["customer": "B"]
            return try await server.database.tasks.create(task, caller: .system("admin"), authorize: .system)
        }
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600), revocations: revocations) {
            port in
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(EventStreamTests.follow("/v1/events?follow=true&since=now", secret: secret))
                #expect(await client.read { EventStreamTests.text($0).contains(#""heartbeat""#) }, "the stream opened")
                let first = try await EventStreamTests.createComplaint(in: server, title: "support's first")
                #expect(await client.read { EventStreamTests.text($0).contains(first.id) })

                let heard = revocations.generation
                _ = try await server.database.people.removeMembership(team: "support", user: "alice")
                while revocations.generation == heard { await revocations.wait(after: heard, timeout: .seconds(60)) }
                // Whatever page was being read when the change was heard, the next one is read
                // over alice's teams as they are now.
                let marker = try await billingTask("billing's first")
                #expect(await client.read { EventStreamTests.text($0).contains(marker.id) }, "billing still flows")
                let hidden = try await EventStreamTests.createComplaint(in: server, title: "support's second")
                let last = try await billingTask("billing's second")
                #expect(await client.read { EventStreamTests.text($0).contains(last.id) })
                #expect(!EventStreamTests.text(client.received).contains(hidden.id), "support's is no longer alice's")
            }
        }
    }

    /// Two replicas on one database, each trusting a resolved token for an hour: disabling the
    /// user, or changing their role, on one reaches the other through `NotifyChannel.tokens`.
    @Test func anotherReplicaDropsACachedPersonalTokenWhenItsUserChanges() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let database = try OpslineDatabase(pool: PostgresPool(conninfo: conninfo, maximumConnections: 2))
        try await database.prepare()
        _ = try await database.people.createTeam(name: "support", title: nil)
        var alice = NewUser(name: "alice")
        alice.memberships = [TeamRole(team: "support", role: .viewer)]
        _ = try await database.people.createUser(alice)
        let (_, secret) = try await database.tokens.createPersonal(name: nil, user: "alice")
        let otherPool = PostgresPool(conninfo: conninfo, maximumConnections: 2)
        let other = TokenStore(pool: otherPool, cacheLifetime: .seconds(3600))

        let signal = EventSignal(conninfo: conninfo, channel: .tokens)
        let invalidator = TokenCacheInvalidator(signal: signal, tokens: other)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await signal.run() }
            group.addTask { try await invalidator.run() }
            await signal.listening()
            #expect(try await other.authenticate(secret)?.role(in: "support") == .viewer)
            _ = try await database.people.setMembership(team: "support", user: "alice", role: .manager)
            let promoted = try await signal.value {
                try await other.authenticate(secret)?.role(in: "support") == .manager ? true : nil
            }
            #expect(promoted)
            _ = try await database.people.setDisabled("alice", true)
            let refused = try await signal.value { try await other.authenticate(secret) == nil ? true : nil }
            #expect(refused)
            group.cancelAll()
        }
        await otherPool.close()
        await database.pool.close()
    }
}
