namespace Cascade.Router;

/// <summary>A write-only stream that writes to the response and keeps a copy (a streamed answer kept for its Idempotency-Key).</summary>
internal sealed class TeeStream(Stream primary, Stream copy) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => primary.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => primary.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        primary.Write(buffer, offset, count);
        copy.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await primary.WriteAsync(buffer, cancellationToken);
        copy.Write(buffer.Span);
    }
}
