import ArgumentParser

/// Where the server under test is and how to call it, for `seed` and `http`.
struct ServerOptions: ParsableArguments {
    @Option(help: "The server's base URL.")
    var url: String

    @Option(help: "A bearer token that may create and move complaints.")
    var token: String
}
