#pragma once
// The poster and PDF part of `ecolobby check`: every file a poster or PDF slot names is opened
// with the decoder the screen uses (media/image_decoder, media/pdf_document): its size, whether
// it decodes, a PDF's page count and password, `pages` within that count. Errors name the slot
// key's file:line.
namespace eco {
void register_media_checks();
}
