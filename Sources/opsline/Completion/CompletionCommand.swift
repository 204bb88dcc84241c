import ArgumentParser

/// `opsline completion bash|zsh|fish`: prints the shell's completion script.
struct CompletionCommand: ParsableCommand {
    /// A shell with a completion script.
    enum Shell: String, CaseIterable, ExpressibleByArgument {
        case bash, zsh, fish

        var completionShell: CompletionShell {
            switch self {
            case .bash: .bash
            case .zsh: .zsh
            case .fish: .fish
            }
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Commands, options and their values complete; task ids (open tasks), the \
            transitions of the task being moved, and workflow names are asked of the server \
            (the one --server, $OPSLINE_URL or the config file names, as for the command), \
            quietly: nothing is offered when it cannot be reached.

            bash, in ~/.bashrc:
              source <(opsline completion bash)
            zsh, into a folder of $fpath (then restart zsh):
              opsline completion zsh > "${fpath[1]}/_opsline"
            fish:
              opsline completion fish > ~/.config/fish/completions/opsline.fish
            """)

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    func run() throws {
        try TerminalOutput.print(Opsline.completionScript(for: shell.completionShell))
    }
}
