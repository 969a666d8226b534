namespace LiveInsight.Infra;

/// <summary>
/// The collector's deployment package: the Native AOT <c>bootstrap</c> zipped by <c>make package</c>.
/// A synth without it (CI, a fresh clone) may ask for a placeholder instead, which can never serve traffic.
/// </summary>
public sealed record FunctionPackage(Code Code, bool IsPlaceholder, string Source)
{
    /// <summary>Where <c>make package</c> writes the zip, relative to the repository root.</summary>
    public const string DefaultPath = "artifacts/function.zip";

    /// <summary>The package at <see cref="DeploymentSettings.FunctionCodePath"/>, or a placeholder if allowed.</summary>
    /// <exception cref="FileNotFoundException">The package is missing and a placeholder was not allowed.</exception>
    public static FunctionPackage Resolve(DeploymentSettings settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(settings.FunctionCodePath, baseDirectory);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return new FunctionPackage(Code.FromAsset(path), IsPlaceholder: false, path);
        }

        if (settings.AllowPlaceholderCode)
        {
            return Placeholder();
        }

        throw new FileNotFoundException(
            $"The function package {settings.FunctionCodePath} does not exist. Run `make package` first " +
            $"(or synthesize with `-c {ContextKeys.AllowPlaceholderCode}=true`, which cannot be deployed usefully).",
            path);
    }

    /// <summary>
    /// A package whose <c>bootstrap</c> only reports that it is a placeholder and exits, so a stack deployed by
    /// mistake fails loudly on its first request instead of half-working.
    /// </summary>
    public static FunctionPackage Placeholder()
    {
        // Written fresh at synth time (never committed); the content is fixed, so the asset hash is stable.
        var directory = Path.Combine(Path.GetTempPath(), "liveinsight-placeholder-function");
        Directory.CreateDirectory(directory);
        var bootstrap = Path.Combine(directory, "bootstrap");
        File.WriteAllText(bootstrap,
            "#!/bin/sh\n" +
            "echo 'LiveInsight placeholder: this stack was synthesized without artifacts/function.zip; run make package and deploy again.' >&2\n" +
            "exit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return new FunctionPackage(Code.FromAsset(directory), IsPlaceholder: true, directory);
    }
}
