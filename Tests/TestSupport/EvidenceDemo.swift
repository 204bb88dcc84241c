/// A small workflow with an attachment field a transition requires, as a readiness item requires
/// its evidence: the attachment tests of the API and of the CLI publish it themselves.
public enum EvidenceDemo {
    /// The workflow's name.
    public static let name = "evidence-demo"

    /// The workflow file.
    public static let workflow = """
        workflow: evidence-demo
        key: EVD
        team: support
        fields:
          evidence: {type: attachment, title: QA report}
          note:     {type: string}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done, require: [evidence]}
        """
}
