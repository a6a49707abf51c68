// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a scatter lays codes out when not on a plane: a neighbour map by t-SNE or UMAP, and the knob
// each one has. Plain values shared by the window's scatter, its axes control and sessions.
#include <string>

namespace latentlab {

struct MapSettings {
    enum class Method { Plane, Tsne, Umap };
    Method method = Method::Plane;
    double perplexity = 30; // t-SNE: the neighbourhood's effective size
    int neighbours = 15;    // UMAP: the size of the local neighbourhood
    double minDist = 0.1;   // UMAP: how tightly points may pack

    bool operator==(const MapSettings& o) const
    {
        return method == o.method && perplexity == o.perplexity && neighbours == o.neighbours && minDist == o.minDist;
    }
    bool operator!=(const MapSettings& o) const { return !(*this == o); }
    /// "", "tsne" or "umap", as sessions store it.
    std::string methodName() const { return method == Method::Tsne ? "tsne" : method == Method::Umap ? "umap" : ""; }
    /// The method named so; false (unchanged) for another name.
    bool setMethodName(const std::string& name)
    {
        if (name != "" && name != "tsne" && name != "umap")
            return false;
        method = name == "tsne" ? Method::Tsne : name == "umap" ? Method::Umap : Method::Plane;
        return true;
    }
};

} // namespace latentlab
