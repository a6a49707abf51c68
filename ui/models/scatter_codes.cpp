// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/scatter_codes.h"

#include "ui/models/scatter_layout.h"

namespace latentlab::ui {

namespace {
// a's rows, then b's (values, labels, attributes, factors; what one lacks, the result lacks).
LatentCodes appendedCodes(const LatentCodes& a, const LatentCodes& b)
{
    LatentCodes out = a;
    out.values.insert(out.values.end(), b.values.begin(), b.values.end());
    const auto append = [](auto& to, const auto& from, bool fits) {
        if (fits)
            to.insert(to.end(), from.begin(), from.end());
        else
            to.clear();
    };
    append(out.labels, b.labels, b.labels.size() == size_t(b.count()) && a.labels.size() == size_t(a.count()));
    append(out.attributes, b.attributes, b.attributeNames == a.attributeNames);
    append(out.factors, b.factors, b.factorNames == a.factorNames);
    if (out.attributes.empty())
        out.attributeNames.clear();
    if (out.factors.empty())
        out.factorNames.clear();
    return out;
}
} // namespace

void ScatterCodes::setModel(const Dataset& data, const LatentCodes& testCodes)
{
    m_data = data;
    m_test = testCodes;
    m_train = LatentCodes(); // the old weights' codes
    show();
}

void ScatterCodes::clear()
{
    m_data = Dataset();
    m_test = m_train = LatentCodes();
}

void ScatterCodes::setTrainingCodes(const LatentCodes& codes)
{
    if (codes.dim != m_test.dim)
        return;
    m_train = codes;
    if (!m_all)
        return;
    show();
    emit status(tr("The scatter shows all %1 codes: the test images first, then the training images").arg(m_layout.codes().count()), false);
}

void ScatterCodes::setAll(bool on)
{
    if (on == m_all)
        return;
    m_all = on;
    show();
}

void ScatterCodes::show()
{
    if (m_all && m_train.count() > 0)
        m_layout.setCodes(appendedCodes(m_test, m_train));
    else
        m_layout.setCodes(m_test);
    if (m_all && m_train.count() == 0 && !m_data.empty() && m_test.count() > 0) {
        emit status(tr("Encoding the %1 training images for the scatter…").arg(m_data.info().trainCount), false);
        emit trainingCodesWanted();
    }
}

Image ScatterCodes::image(int64_t index) const
{
    if (m_data.empty() || index < 0)
        return Image();
    const int64_t tests = m_test.count();
    if (index < tests)
        return index < m_data.info().testCount ? m_data.images(true, index, 1).front() : Image();
    return index - tests < m_data.info().trainCount ? m_data.images(false, index - tests, 1).front() : Image();
}

} // namespace latentlab::ui
