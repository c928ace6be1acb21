using System.Text;
using QRCoder;

namespace Keyfolio.Browser.Tests.Harness;

/// <summary>QR codes made by the test: as a PNG file, and as a Y4M video for Chromium's fake camera.</summary>
public static class QrImages
{
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    /// <summary>
    /// A short 640×480 4:2:0 Y4M video showing the code, black on white, for
    /// <c>--use-file-for-fake-video-capture</c>.
    /// </summary>
    public static byte[] CameraVideo(string text)
    {
        const int Width = 640;
        const int Height = 480;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var scale = Height * 9 / 10 / size;
        var left = (Width - size * scale) / 2;
        var top = (Height - size * scale) / 2;

        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)255);
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (!modules[row][column])
                {
                    continue;
                }

                for (var y = top + row * scale; y < top + (row + 1) * scale; y++)
                {
                    Array.Fill(luma, (byte)0, y * Width + left + column * scale, scale);
                }
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);

        using var video = new MemoryStream();
        video.Write(Encoding.ASCII.GetBytes("YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < 10; frame++)
        {
            video.Write(Encoding.ASCII.GetBytes("FRAME\n"));
            video.Write(luma);
            video.Write(chroma);
            video.Write(chroma);
        }

        return video.ToArray();
    }
}
