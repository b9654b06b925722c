using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace ConvGen.SampleSupport;

/// <summary>
/// A minimal PNG codec, just enough for the samples and nothing but the base library:
/// reads 8-bit, non-interlaced grayscale (colour types 0 and 4; RGB and RGBA are read too and turned to
/// gray) with all five row filters, and writes 8-bit grayscale or RGB.
/// </summary>
public static class Png
{
    private static ReadOnlySpan<byte> Signature => new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>Decodes a PNG file to one byte per pixel, row-major (gray; colour pixels become BT.601 luma).</summary>
    public static byte[] ReadGray(string path, out int width, out int height) => DecodeGray(File.ReadAllBytes(path), out width, out height);

    /// <summary>Decodes PNG bytes to one byte per pixel, row-major.</summary>
    public static byte[] DecodeGray(ReadOnlySpan<byte> png, out int width, out int height)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file (bad signature).");
        }

        width = height = 0;
        int channels = 0;
        bool sawHeader = false;
        using var idat = new MemoryStream();
        int pos = 8;
        while (true)
        {
            if (pos + 12 > png.Length)
            {
                throw new InvalidDataException("Truncated PNG (no IEND chunk).");
            }

            uint declared = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (declared > (uint)(png.Length - pos - 12))
            {
                throw new InvalidDataException($"Truncated PNG chunk at byte {pos}.");
            }

            int length = (int)declared;
            ReadOnlySpan<byte> typeAndData = png.Slice(pos + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png[(pos + 8 + length)..]);
            if (Crc32.Compute(typeAndData) != crc)
            {
                throw new InvalidDataException($"CRC mismatch in chunk at byte {pos}.");
            }

            string type = Encoding.ASCII.GetString(typeAndData[..4]);
            ReadOnlySpan<byte> data = typeAndData[4..];
            pos += 12 + length;
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    byte bitDepth = data[8], colorType = data[9], interlace = data[12];
                    channels = colorType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => 0 };
                    if (bitDepth != 8 || channels == 0 || interlace != 0 || data[10] != 0 || data[11] != 0)
                    {
                        throw new NotSupportedException(
                            $"Only 8-bit, non-interlaced gray/RGB PNGs are supported (bit depth {bitDepth}, colour type {colorType}, interlace {interlace}).");
                    }

                    sawHeader = true;
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    if (!sawHeader)
                    {
                        throw new InvalidDataException("PNG without IHDR.");
                    }

                    return Unfilter(Inflate(idat), width, height, channels);
                default:
                    if ((typeAndData[0] & 0x20) == 0) // an unknown critical chunk (PLTE: palette images)
                    {
                        throw new NotSupportedException($"Unsupported critical PNG chunk {type}.");
                    }

                    break;
            }
        }
    }

    private static byte[] Inflate(MemoryStream idat)
    {
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return raw.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        int stride = width * channels;
        if (raw.Length < (long)height * (stride + 1))
        {
            throw new InvalidDataException($"PNG image data too short: {raw.Length} bytes for {width}×{height}×{channels}.");
        }

        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            ReadOnlySpan<byte> src = raw.AsSpan(y * (stride + 1) + 1, stride);
            Span<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> up = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : default;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0;
                int b = y > 0 ? up[i] : 0;
                int c = y > 0 && i >= channels ? up[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Bad PNG filter type {filter} in row {y}."),
                };
                row[i] = (byte)(src[i] + predictor);
            }
        }

        if (channels <= 2)
        {
            if (channels == 1)
            {
                return pixels;
            }

            var gray = new byte[width * height];
            for (int i = 0; i < gray.Length; i++)
            {
                gray[i] = pixels[2 * i]; // drop alpha
            }

            return gray;
        }

        var luma = new byte[width * height];
        for (int i = 0; i < luma.Length; i++)
        {
            int p = i * channels;
            luma[i] = (byte)((299 * pixels[p] + 587 * pixels[p + 1] + 114 * pixels[p + 2] + 500) / 1000);
        }

        return luma;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Writes an 8-bit grayscale PNG (one byte per pixel, row-major).</summary>
    public static void WriteGray(string path, ReadOnlySpan<byte> pixels, int width, int height) =>
        File.WriteAllBytes(path, Encode(pixels, width, height, channels: 1));

    /// <summary>Writes an 8-bit RGB PNG (three bytes per pixel, R G B, row-major).</summary>
    public static void WriteRgb(string path, ReadOnlySpan<byte> rgb, int width, int height) =>
        File.WriteAllBytes(path, Encode(rgb, width, height, channels: 3));

    /// <summary>Encodes 8-bit gray (1 channel) or RGB (3 channels) pixels as PNG bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (channels != 1 && channels != 3)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray) or 3 (RGB).");
        }

        if (width <= 0 || height <= 0 || pixels.Length != width * height * channels)
        {
            throw new ArgumentException($"Expected {width}×{height}×{channels} = {width * height * channels} bytes, got {pixels.Length}.", nameof(pixels));
        }

        // Each row gets the filter whose output has the smallest sum of |signed byte| (the usual heuristic).
        int stride = width * channels;
        var filtered = new byte[height * (stride + 1)];
        var candidate = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
            ReadOnlySpan<byte> up = y > 0 ? pixels.Slice((y - 1) * stride, stride) : default;
            long best = long.MaxValue;
            Span<byte> dst = filtered.AsSpan(y * (stride + 1), stride + 1);
            for (byte filter = 0; filter <= 4; filter++)
            {
                long cost = 0;
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= channels ? row[i - channels] : 0;
                    int b = y > 0 ? up[i] : 0;
                    int c = y > 0 && i >= channels ? up[i - channels] : 0;
                    int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, _ => Paeth(a, b, c) };
                    byte v = (byte)(row[i] - predictor);
                    candidate[i] = v;
                    int signed = (sbyte)v;
                    cost += signed < 0 ? -signed : signed;
                }

                if (cost < best)
                {
                    best = cost;
                    dst[0] = filter;
                    candidate.CopyTo(dst[1..]);
                }
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(filtered);
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)height);
        header[8] = 8;                               // bit depth
        header[9] = (byte)(channels == 1 ? 0 : 2);   // colour type: gray or RGB
        header[10] = header[11] = header[12] = 0;    // deflate, adaptive filtering, no interlace
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(png, "IEND", default);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        s.Write(word);
    }

    /// <summary>The CRC-32 of PNG (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320), table-driven.</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        public static uint Compute(ReadOnlySpan<byte> bytes)
        {
            uint c = 0xFFFFFFFFu;
            foreach (byte b in bytes)
            {
                c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            return c ^ 0xFFFFFFFFu;
        }
    }
}
