import Hummingbird
import OpslineStore
import Workflow

/// `/v1/subscriptions` and `/v1/deliveries`: who hears which events, and the delivery log.
/// Admins manage every subscription, a team's managers those their team owns; everyone reads
/// their own teams'.
struct SubscriptionRoutes {
    let subscriptions: SubscriptionStore
    let tester: SubscriptionTester

    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("subscriptions")
        group.post(query: [], use: create)
        group.get(query: [], use: list)
        group.get(":id", query: [], use: show)
        group.delete(":id", query: [], use: delete)
        group.post(":id/test", query: [], use: test)
        let deliveries = v1.group("deliveries")
        deliveries.get(query: ["subscription", "state", "since", "limit"], use: listDeliveries)
        deliveries.post(":id/retry", query: [], use: retry)
    }

    /// 201 with the subscription's line, and its signing secret this once.
    @Sendable func create(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let new = try NotificationLines.newSubscription(try await request.singleLine())
        try AccessPolicy.checkManagesSubscriptions(context.caller, of: new.team)
        try AccessPolicy.checkHears(context.caller, teams: new.filter.teams)
        guard new.channel != .email || tester.mailer != nil else {
            throw APIError.invalidField(
                "channel.type", "email needs a server started with an SMTP relay (opsline serve --smtp-url)")
        }
        if new.channel.usesURL, let url = new.url { try await tester.destinations.check(url) }
        let (subscription, secret) = try await subscriptions.create(new, createdBy: context.caller.name)
        context.logger.notice(
            "created a subscription",
            metadata: ["subscription": "\(subscription.name)", "channel": "\(subscription.channel.rawValue)"])
        return StreamedLines.single(NotificationLines.subscription(subscription, secret: secret), status: .created)
    }

    /// The subscriptions the caller's teams own (an admin's: all), by name.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let all = subscriptions.subscriptions(scope: AccessPolicy.teamScope(context.caller))
        return try await StreamedLines.response(all, logger: context.logger) { NotificationLines.subscription($0) }
    }

    @Sendable func show(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let subscription = try await visible(context)
        return StreamedLines.single(NotificationLines.subscription(subscription), status: .ok)
    }

    /// Deletes the subscription and its deliveries; answers with its line.
    @Sendable func delete(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let subscription = try await visible(context)
        try AccessPolicy.checkManagesSubscriptions(context.caller, of: subscription.team)
        try await subscriptions.delete(subscription)
        context.logger.notice("deleted a subscription", metadata: ["subscription": "\(subscription.name)"])
        return StreamedLines.single(NotificationLines.subscription(subscription), status: .ok)
    }

    /// Sends a sample message now: `{"subscription","delivered","status","error","answer"}`.
    @Sendable func test(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let subscription = try await visible(context)
        try AccessPolicy.checkManagesSubscriptions(context.caller, of: subscription.team)
        let outcome = try await tester.test(subscription)
        let line: JSONValue = [
            "subscription": .string(subscription.name), "delivered": .bool(outcome.error == nil),
            "status": outcome.status.map { .int(Int64($0)) } ?? .null,
            "error": outcome.error.map(JSONValue.string) ?? .null, "answer": .string(outcome.answer),
        ]
        return StreamedLines.single(line, status: .ok)
    }

    /// `GET /v1/deliveries?subscription=&state=&since=&limit=`: newest first, streamed.
    @Sendable func listDeliveries(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let query = QueryValues(request)
        var filter = DeliveryFilter(scope: AccessPolicy.teamScope(context.caller))
        filter.subscription = query.string("subscription")
        if let state = query.string("state") {
            guard let parsed = DeliveryState(rawValue: state) else {
                let states = DeliveryState.allCases.map(\.rawValue).joined(separator: ", ")
                throw QueryValues.bad("state", "state must be one of \(states), not '\(state)'")
            }
            filter.state = parsed
        }
        filter.since = try query.time("since")
        filter.limit = try query.limit()
        return try await StreamedLines.response(subscriptions.deliveries(filter), logger: context.logger) {
            NotificationLines.delivery($0)
        }
    }

    /// Sends a delivery again at once, with the same id; answers with its line.
    @Sendable func retry(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let scope = AccessPolicy.teamScope(context.caller)
        let (_, team) = try await subscriptions.delivery(id, scope: scope)
        try AccessPolicy.checkManagesSubscriptions(context.caller, of: team)
        let delivery = try await subscriptions.retry(id, scope: scope)
        return StreamedLines.single(NotificationLines.delivery(delivery), status: .ok)
    }

    /// The subscription of the path's `id` (an id or a name) that the caller's teams own.
    private func visible(_ context: AuthenticatedRequestContext) async throws -> Subscription {
        try await subscriptions.subscription(
            try context.parameters.require("id"), scope: AccessPolicy.teamScope(context.caller))
    }
}
