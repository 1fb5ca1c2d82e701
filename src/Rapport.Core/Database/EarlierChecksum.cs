namespace Rapport.Core.Database;

/// <summary>
/// A checksum that migration <paramref name="Version"/> had in an earlier release and that is still accepted in
/// <c>schema_migrations</c>: the edit since then was reviewed to leave the schema as it was (comments only).
/// See docs/decisions/0001-sql-migrations.md (Amendment).
/// </summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Checksum">The earlier checksum (SHA-256 hex, as <see cref="MigrationScript.Checksum"/>).</param>
/// <param name="Reason">One line: what the edit changed and when.</param>
public sealed record EarlierChecksum(int Version, string Checksum, string Reason)
{
    private const string CitationsMoved = "comments only: citations moved to docs/ (2026-12)";

    /// <summary>
    /// Earlier accepted checksums of Rapport's own migrations. Add an entry only for an edit that cannot change what
    /// the script does (comments, whitespace inside comments); anything else is a new migration.
    /// </summary>
    public static IReadOnlyList<EarlierChecksum> OfRapportMigrations { get; } =
    [
        new(1, "96349ccd6564473a9a30673f56d5b60a5c4980ba019702550dc445ea049ea6b2", CitationsMoved),
        new(3, "c398080442f52ed570367d1e51a210dc45300455a9ea140d08a912c41c54202c", CitationsMoved),
        new(4, "fba924c5e8e9dea53a364f8eb42397a786aa8cf585c6d2490e3c7b451164f325", CitationsMoved),
        new(6, "154d5b11f99fe28093d64970f89f08142e669dc9bb55ff39c2c0c2112bd17963", CitationsMoved + "; ADR 0006 corrected to ADR 0008"),
        new(7, "c201fcc3681749ad182166611e6ff336693c5d0fec7c357ed01092522ee2c318", CitationsMoved),
        new(8, "a2315b025a47739fd4ba86686e56c285bfea5fe968df0318c9a716fb72a595b2", CitationsMoved),
        new(9, "b6ef95db98d3f8795f3f8f2e3d1f1d3ad619cf87d2bf252e3ae82143b3fb84b2", CitationsMoved),
        new(10, "0f8feeb2c5ab243e59174e5b289422145dd71a6101906d66982a122427319feb", CitationsMoved),
        new(11, "fea8b9933f4c11a7fcc2bfc115f1d4036616f20b4044c28f31e29bfa34669245", CitationsMoved),
        new(12, "ce639110b619a6f456815f49d84231ab2d44a85ca9486cd4e020f2f716b71824", CitationsMoved),
        new(13, "5d4a025f9dd363587e347252230f9208bd9432e8898bd3e242790d3c2567333b", CitationsMoved),
        new(14, "91ebacc437f282c5fb4b60700956fcae3e347a26592429fef7e4212cd29b8533", CitationsMoved),
    ];
}
