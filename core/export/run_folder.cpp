#include "core/export/run_folder.h"

#include "core/export/csv_export.h"

namespace latentlab {

void saveRunFolder(const Trainer& trainer, const std::string& folder)
{
    writeTextFile(folder + "/metrics.csv", lossHistoryCsv(trainer.history()));
    trainer.saveCheckpoint(folder + "/checkpoint");
}

} // namespace latentlab
