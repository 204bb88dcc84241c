/// A small workflow whose first state has a checklist a transition waits for: the checklist tests
/// of the API and of the CLI publish it themselves.
public enum ChecklistDemo {
    /// The workflow file.
    public static let workflow = """
        workflow: pricing-demo
        key: PRC
        team: support
        states:
          pricing:
            initial: true
            checklist:
              cost_analysis: Cost analysis signed off
              price_range: Price range approved
          review: {}
          done: {final: true}
        transitions:
          submit: {from: pricing, to: review, checklist: done}
          approve: {from: review, to: done}
        """
}
