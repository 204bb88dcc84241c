/// A definition that other parts of a workflow file refer to by name: a field, a state or a
/// transition.
protocol NamedDefinition {
    /// The name references use.
    var name: String { get }
}

extension FieldDefinition: NamedDefinition {}
extension StateDefinition: NamedDefinition {}
extension TransitionDefinition: NamedDefinition {}

/// The definitions of one section of a workflow file (its fields, states or transitions), as far
/// as they could be read, for the sections that refer to them.
///
/// A reference to a name the section declares is not reported as unknown when the definition
/// itself has a problem: that problem is reported where it is. When the section could not be
/// read at all, any name counts as declared, so one missing section does not bring a report for
/// every reference to it.
struct Declared<Definition: NamedDefinition> {
    /// The definitions that read without a problem, in file order.
    var valid: [Definition] = []
    /// The names of definitions with a problem.
    var broken: Set<String> = []
    /// Whether the section itself could not be read (missing, or not a mapping).
    var unreadable = false

    /// The definition of `name`, when it read without a problem.
    func named(_ name: String) -> Definition? {
        valid.first { $0.name == name }
    }

    /// Whether `name` may be referred to: the section declares it, or could not be read.
    func declares(_ name: String) -> Bool {
        unreadable || broken.contains(name) || named(name) != nil
    }

    /// Whether every definition of the section read without a problem.
    var isComplete: Bool {
        !unreadable && broken.isEmpty
    }
}
