import ArgumentParser
import OpslineClient

/// `opsline subscription`: who hears which events, and the delivery log.
struct SubscriptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription",
        abstract: "Create, list, show, test and delete notification subscriptions; read the delivery log.",
        discussion: """
            A subscription sends the events it hears (sla_warning, sla_breached, escalated, \
            assigned, created, transitioned, …) of its teams' tasks to one channel: a signed \
            webhook, Slack (or Mattermost, Rocket.Chat), a WeCom, DingTalk or Feishu group robot, or \
            e-mail. Admins manage every subscription; a team's managers those their team owns; \
            everyone reads their own teams'. A webhook's signing secret is printed once, when it is \
            created.

            Output (-o): 'table' for people, 'json' for one JSON document, 'ndjson' for the \
            server's lines as they are, one JSON object per line.

            \(ExitStatus.helpText)
            """,
        subcommands: [Create.self, List.self, Show.self, Test.self, Delete.self, Deliveries.self, Retry.self]
    )
}

extension SubscriptionCommand {
    /// `opsline subscription create NAME --team T --event E… --webhook URL | --slack URL | …`
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a subscription (admins, and managers of its team).",
            discussion: """
                Example: opsline subscription create support-breaches --team support \
                --event sla_breached --event escalated --slack https://hooks.slack.com/services/…

                A daily digest (open breaches, work at risk, yesterday's compliance) instead of \
                a message per event: opsline subscription create support-morning --team support \
                --digest 09:00 --digest-calendar support-hours --channel slack --url https://hooks.slack.com/services/…
                """)

        @Argument(help: "A unique name: a-z, 0-9, '.', '_' and '-'.")
        var name: String

        @Option(help: "The owning team, whose managers manage it.")
        var team: String

        @Option(
            name: .customLong("event"),
            help: "An event type to hear; repeat for several (none: only what workflows name it in, or a digest).")
        var events: [String] = []

        @Option(
            name: .customLong("digest"),
            help: "Send a daily digest at this local time (HH:MM) instead of a message per event.")
        var digestAt: String?

        @Option(
            name: .customLong("digest-calendar"),
            help: "The calendar whose working days and time zone the digest keeps (default: 24x7, UTC).")
        var digestCalendar: String?

        @Option(help: "A channel: webhook, slack, wecom, dingtalk, feishu or email.")
        var channel: String

        @Option(help: "Where to send (every channel but email).")
        var url: String?

        @Option(name: .customLong("to"), help: "An e-mail recipient; repeat for several.")
        var recipients: [String] = []

        @Option(help: "A webhook's whsec_ secret (made up when absent), or a DingTalk/Feishu robot's signing secret.")
        var secret: String?

        @Option(name: .customLong("hear-team"), help: "Hear this team's tasks (default: the owning team); repeat.")
        var teams: [String] = []

        @Option(name: .customLong("workflow"), help: "Only tasks of this workflow; repeat.")
        var workflows: [String] = []

        @Option(name: .customLong("priority"), help: "Only tasks of this priority; repeat.")
        var priorities: [String] = []

        @Option(name: .customLong("policy"), help: "Only SLA events of this policy; repeat.")
        var policies: [String] = []

        @Option(name: .customLong("to-state"), help: "Only transitions into this state; repeat.")
        var toStates: [String] = []

        @OptionGroup var client: ClientOptions

        func run() async throws {
            var new = NewSubscription(name: name, team: team, events: events, channel: channel)
            new.url = url
            new.to = recipients
            new.secret = secret
            new.teams = teams
            new.workflows = workflows
            new.priorities = priorities
            new.policies = policies
            new.toStates = toStates
            new.digestAt = digestAt
            new.digestCalendar = digestCalendar
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.createSubscription(new)), asArray: false, name: "name")
                }
                let created = try await opsline.createSubscription(new)
                var text = "Created subscription \(created.name).\n"
                if let secret = created.secret {
                    text += "Signing secret (shown this once; keep it with the receiver): \(secret)\n"
                }
                try TerminalOutput.print(text + "\n" + SubscriptionViews.detail(created))
            }
        }
    }

    /// `opsline subscription list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the subscriptions your teams own, by name.")

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.listSubscriptions()), asArray: true, name: "name")
                }
                try TerminalOutput.print(SubscriptionViews.render(try await opsline.listSubscriptions().collect()))
            }
        }
    }

    /// `opsline subscription show NAME`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a subscription (never its secret or URL).")

        @Argument(help: "The subscription's name or id.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.subscription(name)), asArray: false, name: "name")
                }
                try TerminalOutput.print(SubscriptionViews.detail(try await opsline.subscription(name)))
            }
        }
    }

    /// `opsline subscription test NAME`
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a subscription a sample message now and print its receiver's answer.",
            discussion: "Exits 1 when the receiver did not accept it.")

        @Argument(help: "The subscription's name or id.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.testSubscription(name)), asArray: false)
                }
                let outcome = try await opsline.testSubscription(name)
                try TerminalOutput.print(SubscriptionViews.render(outcome))
                if !outcome.delivered { throw ExitCode(1) }
            }
        }
    }

    /// `opsline subscription delete NAME`
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a subscription and its deliveries, sent or not.")

        @Argument(help: "The subscription's name or id.")
        var name: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(
                        opsline.lines(.deleteSubscription(name)), asArray: false, name: "name")
                }
                let deleted = try await opsline.deleteSubscription(name)
                try TerminalOutput.print("Deleted subscription \(deleted.name).\n")
            }
        }
    }

    /// `opsline subscription deliveries [NAME] [--state S]`
    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The delivery log, newest first: state, attempts, last answer, next attempt.")

        @Argument(help: "Only this subscription's deliveries.")
        var name: String?

        @Option(help: "Only deliveries in this state: pending, failed, delivered or dead.")
        var state: String?

        @Option(help: "Only deliveries queued since then (RFC 3339 time or date).")
        var since: String?

        @Option(help: "At most this many.")
        var limit: Int?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let request = ClientRequest.listDeliveries(subscription: name, state: state, since: since, limit: limit)
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(request), asArray: true)
                }
                let lines = try await opsline.listDeliveries(
                    subscription: name, state: state, since: since, limit: limit
                ).collect()
                try TerminalOutput.print(SubscriptionViews.render(lines))
            }
        }
    }

    /// `opsline subscription retry ID`
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a delivery again now, with the same id (receivers dedupe on it).")

        @Argument(help: "The delivery's id (msg_…).")
        var id: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.retryDelivery(id)), asArray: false)
                }
                let delivery = try await opsline.retryDelivery(id)
                try TerminalOutput.print("Delivery \(delivery.id) is due again now.\n")
            }
        }
    }
}
