"""File > Export Map and Copy Map from the map tab: the whole map of the view on show, as it
would print. The drawing modules load at the first export (the window's first paint does
without them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.map.widget_parts import MapParts

if TYPE_CHECKING:
    from desktop.map.map_export import MapPicture


class MapExport(MapParts):
    def picture_about(self) -> MapPicture:
        from desktop.map.map_export import MapPicture

        return MapPicture(self.scene.data.account_name, self._view, self.ws.today().isoformat())

    def export_map(self, path: Path) -> Path:
        """Save the whole map of the view on show to a .png, .svg or .pdf file, as it would
        print: title, date and legend, whatever the zoom, scroll or selection."""
        from desktop.map.map_export import write_map

        return write_map(self.scene, self._grid, self.picture_about(), Path(path))

    def copy_map(self) -> None:
        """Put the whole map (as File > Export Map draws it) on the clipboard."""
        from desktop.map.map_export import map_image

        if self.account_id is None:
            return
        QApplication.clipboard().setImage(map_image(self.scene, self._grid, self.picture_about()))
        self.statusMessage.emit("Map copied: paste it into a slide or a message")

    def _ask_export_path(self) -> Path | None:
        from desktop.map.map_export import default_file_name, last_folder

        about = self.picture_about()
        folder = last_folder(Path(self.ws.path).parent if self.ws.path else Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export map",
            str(folder / default_file_name(about.account, about.view)),
            "PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)",
        )
        return Path(name) if name else None

    def export_with_dialog(self) -> None:
        """Ask where to save the map (PNG, SVG or PDF) and save the whole map there."""
        self._export_clicked()

    def _export_clicked(self) -> None:
        from desktop.map.map_export import remember_folder

        path = self.ask_export_path()
        if path is not None:
            try:
                self.export_map(path)
            except Exception as exc:  # an unwritable folder must not crash the window
                self.show_message(str(exc))
            else:
                remember_folder(path.parent)
                self.statusMessage.emit(f"Map saved to {path}")
