// The decoders the screen and `ecolobby check` share: posters at the screen's size, PDF pages,
// and one clear reason for every file that cannot be shown.
#include <gtest/gtest.h>

#include "media/image_decoder.h"
#include "media/page_range.h"
#include "media/pdf_document.h"
#include "../common/media_files.h"
#include "../common/test_folder.h"
#include "render/image_header.h"

namespace eco {
namespace {

namespace fs = std::filesystem;
using namespace eco::test;

using MediaTest = TestFolder;

// A pixel of an RGBA image.
const uint8_t* at(const PixelImage& img, int x, int y) { return &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4]; }

TEST_F(MediaTest, A6000PixelPhotoIsDecodedAtTheScreensSize) {
  write_png(dir / "big.png", 6000, 3000);
  auto header = probe_image_file((dir / "big.png").string());
  ASSERT_TRUE(header);
  EXPECT_EQ(header->width, 6000);
  EXPECT_EQ(header->format, "png");
  Still contain = decode_image((dir / "big.png").string(), 1920, 1080, Fit::Contain);
  ASSERT_TRUE(contain.image) << contain.error;
  EXPECT_EQ(contain.source_w, 6000);
  EXPECT_EQ(contain.image->width, 1920);  // 2:1 into 16:9: the width decides
  EXPECT_EQ(contain.image->height, 960);
  EXPECT_EQ(at(*contain.image, 100, 500)[0], 255);  // left red, right blue, after the box filter
  EXPECT_EQ(at(*contain.image, 1800, 500)[2], 255);
  Still cover = decode_image((dir / "big.png").string(), 1920, 1080, Fit::Cover);
  ASSERT_TRUE(cover.image);
  EXPECT_EQ(cover.image->height, 1080);  // the height decides: it covers the box
  EXPECT_EQ(cover.image->width, 2160);
}

TEST_F(MediaTest, ASmallImageIsNotEnlarged) {
  write_png(dir / "small.png", 400, 300);
  Still s = decode_image((dir / "small.png").string(), 1920, 1080, Fit::Contain);
  ASSERT_TRUE(s.image);
  EXPECT_EQ(s.image->width, 400);
  EXPECT_EQ(s.image->height, 300);
}

TEST_F(MediaTest, BadImagesAreRefusedWithOneReason) {
  write_png(dir / "good.png", 64, 64);
  std::string good = read_bytes(dir / "good.png");
  write_bytes(dir / "empty.png", "");
  write_bytes(dir / "truncated.png", good.substr(0, good.size() / 2));
  write_bytes(dir / "corrupt.png", std::string(4096, '\x5a'));
  // A 16000×16000 header: refused before anything is decoded (its pixels would be 1 GB).
  std::string huge = good.substr(0, 33);
  huge[16] = 0, huge[17] = 0, huge[18] = 0x3e, huge[19] = char(0x80);
  huge[20] = 0, huge[21] = 0, huge[22] = 0x3e, huge[23] = char(0x80);
  write_bytes(dir / "huge.png", huge);
  struct Case {
    const char* file;
    const char* reason;
  } cases[] = {{"missing.png", "cannot read"}, {"empty.png", "empty"}, {"truncated.png", "cannot decode"},
               {"corrupt.png", "cannot decode"}, {"huge.png", "16000x16000 pixels is outside 1..8192"}};
  for (const Case& c : cases) {
    Still s = decode_image((dir / c.file).string(), 1920, 1080, Fit::Contain);
    EXPECT_FALSE(s.image) << c.file;
    EXPECT_NE(s.error.find(c.reason), std::string::npos) << c.file << ": " << s.error;
    EXPECT_EQ(s.error.find('\n'), std::string::npos) << c.file;
  }
}

TEST(ImageHeader, ReadsJpegWebpGifAndBmpSizes) {
  // JPEG: SOI, an APP0 segment, then SOF0 with height 600, width 800.
  std::string jpeg = "\xFF\xD8\xFF\xE0" + std::string("\x00\x04\x00\x00", 4) + "\xFF\xC0" + std::string("\x00\x11\x08\x02\x58\x03\x20", 7);
  auto j = probe_image_header(jpeg);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->width, 800);
  EXPECT_EQ(j->height, 600);
  std::string gif = std::string("GIF89a") + std::string("\x40\x01\xF0\x00", 4);
  auto g = probe_image_header(gif);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->width, 320);
  EXPECT_EQ(g->height, 240);
  std::string webp = "RIFF" + std::string(4, '\0') + "WEBPVP8X" + std::string(8, '\0') + std::string("\x7F\x07\x00\x37\x04\x00", 6) +
                     std::string(4, '\0');
  auto w = probe_image_header(webp);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->width, 1920);
  EXPECT_EQ(w->height, 1080);
  EXPECT_FALSE(probe_image_header("\xFF\xD8\xFF"));
  EXPECT_FALSE(probe_image_header("not an image"));
}

TEST(PageRange, ListsAndRanges) {
  std::string why;
  EXPECT_EQ(parse_page_range("1-3", why), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(parse_page_range("2, 4-5", why), (std::vector<int>{2, 4, 5}));
  EXPECT_EQ(parse_page_range("7", why), (std::vector<int>{7}));
  for (const char* bad : {"", "0", "3-1", "a", "1-", "-2", "1,,2", "1-2000", "99999999999"}) {
    EXPECT_FALSE(parse_page_range(bad, why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST_F(MediaTest, PdfPagesRenderAtTheScreensSize) {
  write_bytes(dir / "n.pdf", make_pdf(3));
  std::string why;
  auto doc = PdfDocument::open((dir / "n.pdf").string(), why);
  ASSERT_TRUE(doc) << why;
  EXPECT_EQ(doc->pages(), 3);
  EXPECT_FALSE(doc->encrypted());
  Still page = doc->render(1, 1920, 1080);
  ASSERT_TRUE(page.image) << page.error;
  // A4 landscape (842×595 pt) into 1920×1080: the height decides, 1080 px tall.
  EXPECT_NEAR(page.image->height, 1080, 1);
  EXPECT_NEAR(page.image->width, 1080 * 842 / 595, 2);
  EXPECT_LT(at(*page.image, page.image->width / 2, page.image->height / 4)[0], 30);   // the black bar
  EXPECT_GT(at(*page.image, page.image->width / 2, page.image->height * 3 / 4)[0], 225);  // white paper
  Still beyond = doc->render(5, 1920, 1080);
  EXPECT_FALSE(beyond.image);
  EXPECT_NE(beyond.error.find("page 6 is not in the PDF (1..3)"), std::string::npos) << beyond.error;
}

TEST_F(MediaTest, AHugePdfIsCappedAndBadOnesAreRefused) {
  write_bytes(dir / "many.pdf", make_pdf(5000));
  std::string why;
  auto many = PdfDocument::open((dir / "many.pdf").string(), why);
  ASSERT_TRUE(many) << why;
  EXPECT_EQ(many->file_pages(), 5000);
  EXPECT_EQ(many->pages(), PdfDocument::kMaxPages);

  std::string good = make_pdf(2);
  write_bytes(dir / "empty.pdf", "");
  write_bytes(dir / "corrupt.pdf", std::string(2000, 'x'));
  write_bytes(dir / "truncated.pdf", good.substr(0, 40));
  struct Case {
    const char* file;
    const char* reason;
  } cases[] = {{"missing.pdf", "cannot read"}, {"empty.pdf", "empty"}, {"corrupt.pdf", "not a PDF"}, {"truncated.pdf", ""}};
  for (const Case& c : cases) {
    why.clear();
    auto doc = PdfDocument::open((dir / c.file).string(), why);
    // poppler repairs what it can: a truncated file either opens with no usable page or is refused.
    if (doc) {
      EXPECT_STREQ(c.file, "truncated.pdf");
      EXPECT_FALSE(doc->render(0, 1920, 1080).image);
      continue;
    }
    EXPECT_NE(why.find(c.reason), std::string::npos) << c.file << ": " << why;
    EXPECT_EQ(why.find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace eco
