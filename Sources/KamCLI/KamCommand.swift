import ArgumentParser

/// The `kam` command and its subcommands.
public struct KamCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kam",
        abstract: "Key-account manager: one customer model, kept in step with the team's spreadsheets.",
        subcommands: KamCommand.subcommands)

    /// Every subcommand, in the order `kam --help` lists them.
    static let subcommands: [any ParsableCommand.Type] = [
        InspectCommand.self,
        ConvertCommand.self,
        EditCommand.self,
        InitCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        SyncCommand.self,
        ValidateCommand.self,
        MetricsCommand.self,
        FillCommand.self,
        ReadCommand.self,
    ]

    public init() {}
}
