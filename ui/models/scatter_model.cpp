// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/scatter_model.h"

#include <QtNumeric>

namespace latentlab::ui {

void ScatterModel::setCodes(const LatentCodes& codes)
{
    if (codes.dim == m_codes.dim && codes.values == m_codes.values && codes.labels == m_codes.labels &&
        codes.attributes == m_codes.attributes)
        return; // the same epoch's codes, handed on by another view
    if (codes.dim != m_codes.dim)
        m_dims = {0, 0};
    m_codes = codes;
    computeProjection();
    emit changed();
}

void ScatterModel::clear()
{
    m_codes = LatentCodes();
    m_dims = {0, 0};
    m_projection = Projection2D();
    emit changed();
}

void ScatterModel::setDimensions(int dimX, int dimY)
{
    const std::pair<int, int> dims = dimX > 0 && dimY > 0 ? std::pair(dimX, dimY) : std::pair(0, 0);
    if (dims == m_dims)
        return;
    m_dims = dims;
    computeProjection();
    emit changed();
}

void ScatterModel::computeProjection()
{
    const auto [x, y] = m_dims;
    const int dim = m_codes.dim;
    if (m_codes.count() == 0) {
        m_projection = Projection2D();
        return;
    }
    ++m_projections;
    if (x > 0 && y > 0 && x <= dim && y <= dim)
        m_projection = projectDims(m_codes.values, dim, x - 1, y - 1);
    else
        m_projection = projectPca(m_codes.values, dim); // deterministic sign: a reopened session matches
}

QPointF ScatterModel::project(const std::vector<float>& z) const
{
    double x = 0, y = 0;
    if (!projectPoint(m_projection, z, x, y))
        return {qQNaN(), qQNaN()};
    return {x, y};
}

} // namespace latentlab::ui
