namespace LiveInsight.Infra.Tests;

public sealed class FunctionPackageTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("liveinsight-package-tests-");

    [Fact]
    public void Resolve_WhenThePackageIsMissing_FailsAndSaysToRunMakePackage()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FunctionPackage.Resolve(DeploymentSettings.Defaults, _root.FullName));

        Assert.Contains("make package", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_root.FullName, "artifacts", "function.zip"), error.FileName);
    }

    [Fact]
    public void Resolve_WhenThePackageExists_UsesIt()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts"));
        var zip = Path.Combine(_root.FullName, "artifacts", "function.zip");
        File.WriteAllBytes(zip, [0x50, 0x4b, 0x05, 0x06, .. new byte[18]]);

        var package = FunctionPackage.Resolve(DeploymentSettings.Defaults with { AllowPlaceholderCode = true }, _root.FullName);

        Assert.False(package.IsPlaceholder);
        Assert.Equal(zip, package.Source);
    }

    [Fact]
    public void Resolve_WhenMissingButAllowed_UsesAPlaceholderThatCanNeverServe()
    {
        var package = FunctionPackage.Resolve(DeploymentSettings.Defaults with { AllowPlaceholderCode = true }, _root.FullName);
        var bootstrap = File.ReadAllText(Path.Combine(package.Source, "bootstrap"));

        Assert.True(package.IsPlaceholder);
        Assert.StartsWith("#!/bin/sh\n", bootstrap, StringComparison.Ordinal);
        Assert.EndsWith("exit 1\n", bootstrap, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(package.Source, "bootstrap")).HasFlag(UnixFileMode.OtherExecute));
        }
    }

    public void Dispose() => _root.Delete(recursive: true);
}
