namespace Keyfolio.Core.Connections;

/// <summary>What an import added, under which labels, and what it skipped because the key is already connected.</summary>
public sealed record ImportReport(IReadOnlyList<string> Added, IReadOnlyList<string> SkippedAsDuplicates);
