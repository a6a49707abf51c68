#include "app/cli_output.h"

#include "core/error.h"
#ifdef LATENTLAB_HAVE_PIXELS
#include "core/pixels/image_io.h"
#endif

#include <cerrno>
#include <cstring>
#include <iostream>

#include <sys/stat.h>

namespace latentlab::cli {

void makeDir(const std::string& dir)
{
    for (size_t slash = dir.find('/', 1); slash != std::string::npos; slash = dir.find('/', slash + 1))
        ::mkdir(dir.substr(0, slash).c_str(), 0755); // parents; a real failure shows below
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        throw Error(dir + ": cannot create folder: " + std::strerror(errno));
}

void saveImage(const Image& image, const std::string& path)
{
#ifdef LATENTLAB_HAVE_PIXELS
    writeImage(image, path);
#else
    (void)image;
    std::cerr << "note: built without OpenCV, not writing " << path << "\n";
#endif
}

std::unique_ptr<LatentCodes> aeCodes(const Model& model, const Dataset* data)
{
    if (model.info().config.model.kind != ModelKind::Autoencoder || !data)
        return nullptr;
    return std::make_unique<LatentCodes>(model.encode(*data, true, 5000));
}

} // namespace latentlab::cli
