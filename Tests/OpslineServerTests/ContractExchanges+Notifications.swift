import Foundation
import Testing

/// `/v1/subscriptions` and `/v1/deliveries`.
extension ContractExchanges {
    func subscriptions() async throws {
        let subscriptions = "/v1/subscriptions"
        let hook = receiver.url()
        try await api.exchange(
            "a webhook subscription", .post, subscriptions,
            body:
                #"{"name":"support-new","team":"support","events":["created"],"channel":{"type":"webhook","url":"\#(hook)"}}"#,
            expect: 201)
        try await api.exchange(
            "a Slack subscription with a filter", .post, subscriptions,
            body:
                #"{"name":"support-slack","team":"support","events":["sla_breached","transitioned"],"filter":{"workflows":["contract-drill"],"to_states":["done"]},"channel":{"type":"slack","url":"\#(hook)"}}"#,
            expect: 201)
        try await api.exchange(
            "a daily digest", .post, subscriptions,
            body:
                #"{"name":"support-morning","team":"support","channel":{"type":"webhook","url":"\#(hook)"},"digest":{"at":"09:00","calendar":"support-hours"}}"#,
            expect: 201)
        try await api.exchange(
            "a digest at no time of day", .post, subscriptions,
            body:
                #"{"name":"x","team":"support","channel":{"type":"webhook","url":"\#(hook)"},"digest":{"at":"25:00"}}"#,
            expect: 422)
        try await api.exchange(
            "a name taken", .post, subscriptions,
            body:
                #"{"name":"support-new","team":"support","events":["created"],"channel":{"type":"webhook","url":"\#(hook)"}}"#,
            expect: 409)
        try await api.exchange(
            "an unknown event type", .post, subscriptions,
            body: #"{"name":"x","team":"support","events":["breach"],"channel":{"type":"webhook","url":"\#(hook)"}}"#,
            expect: 422)
        try await api.exchange(
            "a private address", .post, subscriptions,
            body:
                #"{"name":"x","team":"support","events":["created"],"channel":{"type":"webhook","url":"http://10.0.0.1/hook"}}"#,
            expect: 422)
        try await api.exchange(
            "an unknown key", .post, subscriptions,
            body: #"{"name":"x","team":"support","events":["created"],"channel":{"type":"webhook","uri":"\#(hook)"}}"#,
            expect: 400)
        try await api.exchange(
            "only managers of the team", .post, subscriptions,
            body: #"{"name":"x","team":"support","events":["created"],"channel":{"type":"webhook","url":"\#(hook)"}}"#,
            token: member, expect: 403)
        try await api.exchange("every subscription", .get, subscriptions, expect: 200)
        let subscription = "/v1/subscriptions/{id}"
        try await api.exchange(
            "one subscription", .get, subscription, ["id": "support-new"], token: viewer, expect: 200)
        try await api.exchange(
            "another team's", .get, subscription, ["id": "support-new"], token: outsider, expect: 404)
        try await api.exchange(
            "a sample sent", .post, "/v1/subscriptions/{id}/test", ["id": "support-new"], expect: 200)
        try await api.exchange(
            "a sample digest sent", .post, "/v1/subscriptions/{id}/test", ["id": "support-morning"], expect: 200)

        // A task created: support-new's receiver is told, and the delivery log shows it.
        try await api.exchange(
            "a task to tell of", .post, "/v1/tasks",
            body: #"{"workflow":"\#(Self.drill)","title":"Told by webhook"}"#, expect: 201)
        let delivered = try await receiver.value({ try await deliveryID() })
        let deliveries = "/v1/deliveries"
        try await api.exchange("the delivery log", .get, deliveries, expect: 200)
        try await api.exchange(
            "one subscription's dead deliveries", .get, deliveries, query: "subscription=support-new&state=dead",
            token: viewer, expect: 200)
        try await api.exchange("a state refused", .get, deliveries, query: "state=lost", expect: 400)
        let retry = "/v1/deliveries/{id}/retry"
        try await api.exchange("a delivery sent again", .post, retry, ["id": delivered], expect: 200)
        try await api.exchange("only managers retry", .post, retry, ["id": delivered], token: member, expect: 403)
        try await api.exchange("an unknown delivery", .post, retry, ["id": "msg_nothing"], expect: 404)

        try await api.exchange("a subscription deleted", .delete, subscription, ["id": "support-slack"], expect: 200)
        try await api.exchange("an unknown subscription", .delete, subscription, ["id": "support-slack"], expect: 404)
    }

    /// The id of support-new's first delivery, once there is one.
    private func deliveryID() async throws -> String? {
        let answer = try await api.exchange(
            "support-new's deliveries", .get, "/v1/deliveries", query: "subscription=support-new", expect: 200)
        return answer.lines.first?["id"]?.stringValue
    }
}
