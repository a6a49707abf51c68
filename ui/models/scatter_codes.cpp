// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/scatter_codes.h"

#include "ui/models/scatter_layout.h"

namespace latentlab::ui {

void ScatterCodes::setModel(const Dataset& data, const LatentCodes& testCodes)
{
    m_data = data;
    m_test = testCodes;
    m_trainCurrent = false; // the old weights' codes: shown until this model's arrive (training
    show();                 // goes on: the scatter keeps its points and its selection meanwhile)
}

void ScatterCodes::clear()
{
    m_data = Dataset();
    m_test = m_train = LatentCodes();
    m_trainCurrent = false;
}

void ScatterCodes::setTrainingCodes(const LatentCodes& codes)
{
    if (codes.dim != m_test.dim)
        return;
    m_train = codes;
    m_trainCurrent = true;
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
    if (m_all && m_train.count() > 0 && m_train.dim == m_test.dim) {
        LatentCodes all = m_test;
        appendCodes(all, m_train);
        m_layout.setCodes(all);
    } else {
        m_layout.setCodes(m_test);
    }
    if (m_all && !m_trainCurrent && !m_data.empty() && m_test.count() > 0) {
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
