import Workflow

/// A workflow's definition as `GET /v1/workflows/{name}` describes it: the ``WorkflowLine``
/// members, then its fields, states, transitions, timers and SLA clocks, in file order.
public struct WorkflowDefinitionLine: Decodable, Sendable, Hashable {
    /// One declared field.
    public struct Field: Decodable, Sendable, Hashable {
        /// The field's name.
        public var name: String
        /// `string`, `text`, `int`, `decimal`, `bool`, `date`, `user`, `enum` or `list`.
        public var type: String
        /// Whether every task must have a value.
        public var required: Bool
        /// An enum's allowed values.
        public var values: [String]?
        /// A list's item type, such as `{"type":"string"}`.
        public var items: JSONValue?
        /// The value new tasks get.
        public var `default`: JSONValue?
        /// The smallest allowed number.
        public var min: JSONValue?
        /// The largest allowed number.
        public var max: JSONValue?
        /// The expression a computed field's value comes from.
        public var compute: String?
    }

    /// A child task spawned on entering a state.
    public struct Spawn: Decodable, Sendable, Hashable {
        /// The child's workflow.
        public var workflow: String
        /// The child's title.
        public var title: String
    }

    /// One state.
    public struct State: Decodable, Sendable, Hashable {
        /// The state's name.
        public var name: String
        /// Whether new tasks start here.
        public var initial: Bool
        /// Whether a task here is finished.
        public var final: Bool
        /// The children spawned on entering it.
        public var spawns: [Spawn]
        /// The fields frozen while a task is in it; `nil` from a server that has none.
        public var lockedFields: [String]?

        enum CodingKeys: String, CodingKey {
            case name, initial, final, spawns
            case lockedFields = "locked_fields"
        }
    }

    /// One transition.
    public struct Transition: Decodable, Sendable, Hashable {
        /// The transition's name.
        public var name: String
        /// The states it fires from.
        public var from: [String]
        /// A state's name, or the branches of a choice (`[{"when":…,"state":…},…]`).
        public var to: JSONValue
        /// Fields that must be set.
        public var require: [String]
        /// The roles allowed to fire it; empty for any.
        public var roles: [String]
        /// A condition on the fields.
        public var when: String?
        /// `done` when every child task must be finished.
        public var children: String?
    }

    /// A timer that fires a transition after a while in a state.
    public struct Timer: Decodable, Sendable, Hashable {
        /// The state.
        public var `in`: String
        /// How long after entering it, such as `90d`.
        public var after: String
        /// The transition fired.
        public var fire: String
    }

    /// An SLA clock.
    public struct SLA: Decodable, Sendable, Hashable {
        /// The clock's name.
        public var name: String
        /// A duration such as `4h`, or `{"by":field, value: duration, …}`.
        public var target: JSONValue
        /// `{"enter":[state, …]}`: the states that start a new cycle once the clock stopped.
        public var restart: JSONValue?
        /// The calendar the clock counts in when not the workflow's: a name, or
        /// `{"by":field, value: name, …, "default"?: name}`.
        public var calendar: JSONValue?
    }

    /// An assignment rule (`assign:`).
    public struct AssignmentRule: Decodable, Sendable, Hashable {
        /// `round_robin` or `least_loaded`.
        public var rule: String
        /// The team whose tasks it assigns; nil: every team without a rule of its own.
        public var team: String?
    }

    /// The priority scale (`priority:`).
    public struct PriorityScale: Decodable, Sendable, Hashable {
        /// The priorities, most urgent first.
        public var values: [String]
        /// The priority of a task created without one.
        public var `default`: String?
    }

    /// The workflow's name, version and other attributes.
    public var workflow: WorkflowLine
    /// The fields, in file order.
    public var fields: [Field]
    /// The states, in file order.
    public var states: [State]
    /// The transitions, in file order.
    public var transitions: [Transition]
    /// The timers, in file order.
    public var timers: [Timer]
    /// The SLA clocks, in file order.
    public var slas: [SLA]
    /// The assignment rules (empty from servers before them).
    public var assign: [AssignmentRule]
    /// The priority scale, if the workflow has one.
    public var priority: PriorityScale?

    private enum CodingKeys: String, CodingKey {
        case fields, states, transitions, timers, slas, assign, priority
    }

    /// Decodes a definition line.
    public init(from decoder: any Decoder) throws {
        workflow = try WorkflowLine(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decode([Field].self, forKey: .fields)
        states = try container.decode([State].self, forKey: .states)
        transitions = try container.decode([Transition].self, forKey: .transitions)
        timers = try container.decode([Timer].self, forKey: .timers)
        slas = try container.decode([SLA].self, forKey: .slas)
        assign = try container.decodeIfPresent([AssignmentRule].self, forKey: .assign) ?? []
        priority = try container.decodeIfPresent(PriorityScale.self, forKey: .priority)
    }
}
