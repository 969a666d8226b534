namespace LiveInsight.Domain.Tests.Stats;

public sealed class VisitorSketchTests
{
    private static VisitorSketch Of(IEnumerable<int> ids)
    {
        var sketch = new VisitorSketch();
        foreach (var id in ids)
        {
            sketch.Add($"anon_{id:x16}");
        }

        return sketch;
    }

    private static double RelativeError(long estimate, int actual) => Math.Abs(estimate - actual) / (double)actual;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    [InlineData(VisitorSketch.ExactLimit)]
    public void Count_IsExactUpToTheLimit_EvenWithRepeats(int visitors)
    {
        var sketch = Of(Enumerable.Range(0, visitors).Concat(Enumerable.Range(0, visitors / 2)));

        Assert.True(sketch.IsExact);
        Assert.Equal(visitors, sketch.Count);
    }

    [Fact]
    public void Add_PastTheLimit_SwitchesToAnEstimate()
    {
        var sketch = Of(Enumerable.Range(0, VisitorSketch.ExactLimit + 1));

        Assert.False(sketch.IsExact);
        Assert.InRange(RelativeError(sketch.Count, VisitorSketch.ExactLimit + 1), 0, 0.03);
    }

    [Theory]
    [InlineData(1_000, 0.04)]
    [InlineData(10_000, 0.04)]
    [InlineData(100_000, 0.04)]
    [InlineData(1_000_000, 0.04)]
    public void Count_OfManySyntheticIds_IsWithinAFewPercent(int visitors, double tolerance)
    {
        var sketch = Of(Enumerable.Range(0, visitors));

        Assert.InRange(RelativeError(sketch.Count, visitors), 0, tolerance);
    }

    [Fact]
    public void Count_OfIdentifiedUserIds_IsWithinAFewPercent()
    {
        var sketch = new VisitorSketch();
        for (var i = 0; i < 50_000; i++)
        {
            sketch.Add($"user-{i}@example.com");
        }

        Assert.InRange(RelativeError(sketch.Count, 50_000), 0, 0.04);
    }

    [Fact]
    public void Merge_OfDisjointSmallSets_IsTheirExactSum()
    {
        var a = Of(Enumerable.Range(0, 100));

        a.Merge(Of(Enumerable.Range(100, 150)));

        Assert.True(a.IsExact);
        Assert.Equal(250, a.Count);
    }

    [Fact]
    public void Merge_OfOverlappingSmallSets_CountsTheSharedVisitorsOnce()
    {
        var a = Of(Enumerable.Range(0, 200));

        a.Merge(Of(Enumerable.Range(100, 200)));

        Assert.Equal(300, a.Count);
    }

    [Fact]
    public void Merge_OfSmallSetsWhoseUnionIsLarge_BecomesTheSketchOfTheUnion()
    {
        var a = Of(Enumerable.Range(0, 300));

        a.Merge(Of(Enumerable.Range(200, 300)));

        Assert.False(a.IsExact);
        Assert.Equal(Of(Enumerable.Range(0, 500)).ToBytes(), a.ToBytes());
    }

    [Fact]
    public void Merge_OfOverlappingLargeSets_IsTheSketchOfTheUnion()
    {
        var a = Of(Enumerable.Range(0, 60_000));

        a.Merge(Of(Enumerable.Range(40_000, 60_000)));

        Assert.Equal(Of(Enumerable.Range(0, 100_000)).ToBytes(), a.ToBytes());
        Assert.InRange(RelativeError(a.Count, 100_000), 0, 0.04);
    }

    [Fact]
    public void Merge_OfASmallSetIntoALargeOne_LosesNothing()
    {
        var large = Of(Enumerable.Range(0, 20_000));
        var small = Of(Enumerable.Range(20_000, 50));

        large.Merge(small);
        small.Merge(Of(Enumerable.Range(0, 20_000)));

        Assert.Equal(Of(Enumerable.Range(0, 20_050)).ToBytes(), large.ToBytes());
        Assert.Equal(large.ToBytes(), small.ToBytes());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1 + 3 * 8)]
    [InlineData(VisitorSketch.ExactLimit, 1 + VisitorSketch.ExactLimit * 8)]
    [InlineData(VisitorSketch.ExactLimit + 1, 1 + 3072)]
    [InlineData(250_000, 1 + 3072)]
    public void ToBytes_RoundTripsAndIsNeverLargerThan3073Bytes(int visitors, int size)
    {
        var sketch = Of(Enumerable.Range(0, visitors));

        var bytes = sketch.ToBytes();
        var back = VisitorSketch.FromBytes(bytes);

        Assert.Equal(size, bytes.Length);
        Assert.Equal(sketch.Count, back.Count);
        Assert.Equal(sketch.IsExact, back.IsExact);
        Assert.Equal(bytes, back.ToBytes());
    }

    [Fact]
    public void FromBytes_ThenAdd_ContinuesTheSameSketch()
    {
        var back = VisitorSketch.FromBytes(Of(Enumerable.Range(0, 5_000)).ToBytes());

        back.Merge(Of(Enumerable.Range(5_000, 5_000)));

        Assert.Equal(Of(Enumerable.Range(0, 10_000)).ToBytes(), back.ToBytes());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9 })]
    [InlineData(new byte[] { 1, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0 })]
    public void FromBytes_RefusesWhatIsNotASketch(byte[] bytes)
    {
        Assert.Throws<FormatException>(() => VisitorSketch.FromBytes(bytes));
    }

    [Fact]
    public void FromBytes_RefusesARegisterAboveTheLargestRank()
    {
        var bytes = Of(Enumerable.Range(0, 1_000)).ToBytes();
        bytes[1] = 0xFF;

        Assert.Throws<FormatException>(() => VisitorSketch.FromBytes(bytes));
    }

    [Fact]
    public void VisitorHash_IsTheFirstEightBytesOfSha256_SoStoredSketchesStayValid()
    {
        // Computed outside .NET: python3 -c "import hashlib; print(hashlib.sha256(b'anon_0123456789abcdef').hexdigest()[:16])"
        Assert.Equal(0x967d99e24423eecdUL, VisitorHash.Of("anon_0123456789abcdef"));
    }

    [Fact]
    public void VisitorHash_ReadsLongIdsToo()
    {
        var id = new string('x', 1_000);

        Assert.Equal(VisitorHash.Of(id), VisitorHash.Of(new string('x', 1_000)));
        Assert.NotEqual(VisitorHash.Of(id), VisitorHash.Of(id + "y"));
    }
}
