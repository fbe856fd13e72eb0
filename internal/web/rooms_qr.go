package web

import (
	"net/http"

	qrcode "github.com/skip2/go-qrcode"

	"spil/internal/authz"
)

// roomQR serves the QR code of a room's check-in page as a PNG, to print
// and hang by the door.
func (s *Server) roomQR(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	room, err := s.Rooms.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(s.checkInURL(r, room.ID), qrcode.Medium, 320)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(png)
	return nil
}
