using System;
using System.Collections.Generic;
using System.Text;

namespace ConvGen.Onnx;

/// <summary>
/// A reader of the protocol buffers wire format (varints, 32- and 64-bit fixed values, length-delimited fields), just
/// enough for ONNX's messages. ConvGen reads models with this rather than a protobuf library: a generator's own
/// dependencies load differently in each compiler host (the .NET SDK's, Visual Studio's .NET Framework one), and this
/// is the one piece of protobuf ONNX needs. Every read is bounds-checked; malformed input throws
/// <see cref="OnnxFormatException"/>, never another exception.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public bool End => _position >= _data.Length;

    /// <summary>The next field's number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field == 0 || field > int.MaxValue) throw new OnnxFormatException($"invalid field number {field} at byte {_position}");
        return ((int)field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw new OnnxFormatException("the data ends inside a varint");
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }

        throw new OnnxFormatException("a varint longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public int ReadInt32() => (int)(long)ReadVarint();

    public uint ReadFixed32()
    {
        var bytes = Take(4);
        return bytes[0] | (uint)bytes[1] << 8 | (uint)bytes[2] << 16 | (uint)bytes[3] << 24;
    }

    public ulong ReadFixed64() => ReadFixed32() | (ulong)ReadFixed32() << 32;

    public float ReadFloat() => new FloatBits { Bits = ReadFixed32() }.Value;

    public double ReadDouble() => BitConverter.Int64BitsToDouble((long)ReadFixed64());

    /// <summary>A length-delimited field's bytes (a string, bytes, an embedded message or a packed array).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw new OnnxFormatException($"a field of {length} bytes runs past the end of the data at byte {_position}");
        return Take((int)length);
    }

    public string ReadString()
    {
        var bytes = ReadBytes();
        return bytes.Length == 0 ? "" : Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Skips a field of the given wire type.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Take(8); break;
            case 2: ReadBytes(); break;
            case 5: Take(4); break;
            default: throw new OnnxFormatException($"unsupported wire type {wireType} at byte {_position}");
        }
    }

    /// <summary>A repeated int64/int32 field: packed (wire type 2) or one value (wire type 0) per occurrence.</summary>
    public void ReadVarints(int wireType, List<long> into)
    {
        if (wireType == 0)
        {
            into.Add(ReadInt64());
            return;
        }

        Expect(wireType, 2);
        var packed = new ProtoReader(ReadBytes());
        while (!packed.End) into.Add(packed.ReadInt64());
    }

    /// <summary>A repeated float field: packed (wire type 2) or one value (wire type 5) per occurrence.</summary>
    public void ReadFloats(int wireType, List<float> into)
    {
        if (wireType == 5)
        {
            into.Add(ReadFloat());
            return;
        }

        Expect(wireType, 2);
        var packed = new ProtoReader(ReadBytes());
        while (!packed.End) into.Add(packed.ReadFloat());
    }

    /// <summary>A repeated double field: packed (wire type 2) or one value (wire type 1) per occurrence.</summary>
    public void ReadDoubles(int wireType, List<double> into)
    {
        if (wireType == 1)
        {
            into.Add(ReadDouble());
            return;
        }

        Expect(wireType, 2);
        var packed = new ProtoReader(ReadBytes());
        while (!packed.End) into.Add(packed.ReadDouble());
    }

    public static void Expect(int wireType, int expected)
    {
        if (wireType != expected) throw new OnnxFormatException($"wire type {wireType} where {expected} was expected");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw new OnnxFormatException($"the data ends at byte {_data.Length}, inside a field that starts at byte {_position}");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}

/// <summary>A float's bits reinterpreted (netstandard2.0 has no BitConverter.Int32BitsToSingle).</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
internal struct FloatBits
{
    [System.Runtime.InteropServices.FieldOffset(0)] public uint Bits;
    [System.Runtime.InteropServices.FieldOffset(0)] public float Value;
}

/// <summary>The model's bytes are not a well-formed ONNX protobuf (the message says where).</summary>
internal sealed class OnnxFormatException(string message) : Exception(message);
